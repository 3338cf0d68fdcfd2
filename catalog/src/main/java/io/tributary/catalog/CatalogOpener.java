package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** Opens an Iceberg catalog from settings, through {@link CatalogUtil}. */
public final class CatalogOpener {
  static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
  static final String HIVE_LOCK_ENABLED = "iceberg.engine.hive.lock-enabled";

  private CatalogOpener() {}

  /**
   * Opens the catalog. A REST catalog is opened on first use (and again while that fails), as
   * opening it calls its server: a service started while the server is down reports "not ready"
   * instead of failing to start.
   */
  public static Catalog open(CatalogSettings settings) {
    requireNonNull(settings, "settings is null");
    Map<String, String> properties = catalogProperties(settings);
    if (settings.type() == CatalogType.REST) {
      return new DeferredCatalog(
          settings.name(),
          properties.getOrDefault(CatalogProperties.URI, "(no uri)"),
          () -> build(settings, properties));
    }
    return build(settings, properties);
  }

  private static Catalog build(CatalogSettings settings, Map<String, String> properties) {
    return CatalogUtil.buildIcebergCatalog(
        settings.name(), properties, hadoopConfiguration(settings));
  }

  static Configuration hadoopConfiguration(CatalogSettings settings) {
    Configuration configuration = new Configuration();
    // Iceberg's Hive catalog reads this from the Hadoop configuration, not catalog properties; a
    // table property of the same name still wins for that table.
    configuration.setBoolean(HIVE_LOCK_ENABLED, settings.hiveLockEnabled());
    return configuration;
  }

  static Map<String, String> catalogProperties(CatalogSettings settings) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouse());
    switch (settings.type()) {
      case HIVE ->
          properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_HIVE);
      case GLUE ->
          properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_GLUE);
      case REST ->
          properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_REST);
      case IN_MEMORY ->
          properties.put(
              CatalogProperties.CATALOG_IMPL, "org.apache.iceberg.inmemory.InMemoryCatalog");
      default -> throw new IllegalStateException("Unsupported catalog type: " + settings.type());
    }
    // Object storage on S3 (or an S3-compatible store) unless the user chose another FileIO.
    if (settings.warehouse().startsWith("s3://") || settings.warehouse().startsWith("s3a://")) {
      properties.put(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO);
    }
    properties.putAll(settings.properties());
    return properties;
  }
}
