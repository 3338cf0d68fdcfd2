package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;

/**
 * Checks catalog settings the way Iceberg checks them when it opens the catalog and its FileIO,
 * without opening either: nothing connects to a metastore, a REST server or the object store.
 */
public final class CatalogCheck {
  /** The key of a problem that a library reports about the properties as a whole. */
  public static final String WHOLE = "";

  /** The key of a problem with the warehouse location, which is not a pass-through property. */
  public static final String WAREHOUSE = CatalogProperties.WAREHOUSE_LOCATION;

  private static final Set<String> BUCKET_SCHEMES = Set.of("s3", "s3a", "s3n", "gs", "oss");

  private CatalogCheck() {}

  /**
   * Problems by catalog property name, {@link #WAREHOUSE} or {@link #WHOLE}. Messages never quote a
   * property's value; the warehouse location is not a secret and is quoted.
   */
  public static Map<String, String> problems(CatalogSettings settings) {
    requireNonNull(settings, "settings is null");
    Map<String, String> problems = new TreeMap<>();
    Map<String, String> properties = CatalogOpener.catalogProperties(settings);
    switch (settings.type()) {
      case HIVE -> checkUris(properties, Set.of("thrift"), "thrift://metastore:9083", problems);
      case REST -> checkUris(properties, Set.of("http", "https"), "https://catalog:8181", problems);
      default -> {
        // Glue finds its endpoint from the region; the in-memory catalog has none.
      }
    }
    // A REST catalog's warehouse may be a name the server resolves, not a location.
    if (settings.type() != CatalogType.REST) {
      checkWarehouse(settings.warehouse(), problems);
    }
    boolean keyId = present(properties, S3FileIOProperties.ACCESS_KEY_ID);
    boolean secret = present(properties, S3FileIOProperties.SECRET_ACCESS_KEY);
    if (keyId && !secret) {
      problems.put(
          S3FileIOProperties.SECRET_ACCESS_KEY,
          "required when " + S3FileIOProperties.ACCESS_KEY_ID + " is set (both or neither)");
    }
    if (secret && !keyId) {
      problems.put(
          S3FileIOProperties.ACCESS_KEY_ID,
          "required when " + S3FileIOProperties.SECRET_ACCESS_KEY + " is set (both or neither)");
    }
    if (present(properties, S3FileIOProperties.SESSION_TOKEN) && !(keyId && secret)) {
      problems.put(
          S3FileIOProperties.SESSION_TOKEN,
          "needs "
              + S3FileIOProperties.ACCESS_KEY_ID
              + " and "
              + S3FileIOProperties.SECRET_ACCESS_KEY);
    }
    if (problems.isEmpty()
        && CatalogOpener.S3_FILE_IO.equals(properties.get(CatalogProperties.FILE_IO_IMPL))) {
      // The checks S3FileIO makes as it initializes, before it builds any client.
      try {
        new S3FileIOProperties(properties);
        new AwsClientProperties(properties);
      } catch (RuntimeException e) {
        problems.put(WHOLE, "rejected by Iceberg's S3FileIO: " + e.getMessage());
      }
    }
    return problems;
  }

  private static void checkUris(
      Map<String, String> properties,
      Set<String> schemes,
      String example,
      Map<String, String> problems) {
    String uris = properties.get(CatalogProperties.URI);
    if (uris == null || uris.isBlank()) {
      problems.put(CatalogProperties.URI, "required for this catalog type, as in " + example);
      return;
    }
    for (String uri : uris.split(",")) {
      if (!hasSchemeAndHost(uri.trim(), schemes)) {
        problems.put(
            CatalogProperties.URI,
            "must be " + String.join(" or ", schemes) + " URIs with a host, as in " + example);
        return;
      }
    }
  }

  private static boolean hasSchemeAndHost(String text, Set<String> schemes) {
    try {
      URI uri = new URI(text);
      return uri.getScheme() != null
          && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void checkWarehouse(String warehouse, Map<String, String> problems) {
    String expected = "must be a location with a scheme, as in s3://bucket/warehouse; was '%s'";
    try {
      URI uri = new URI(warehouse);
      if (uri.getScheme() == null) {
        problems.put(WAREHOUSE, expected.formatted(warehouse));
      } else if (BUCKET_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && (uri.getAuthority() == null || uri.getAuthority().isBlank())) {
        problems.put(
            WAREHOUSE, "names no bucket, as in s3://bucket/warehouse; was '" + warehouse + "'");
      }
    } catch (URISyntaxException e) {
      problems.put(WAREHOUSE, expected.formatted(warehouse));
    }
  }

  private static boolean present(Map<String, String> properties, String key) {
    String value = properties.get(key);
    return value != null && !value.isBlank();
  }
}
