package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.CityResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Looks up an IP address field in a MaxMind database (GeoIP2 or GeoLite2, City or Country) that the
 * user provides, and sets a struct beside it: {@code country_iso_code}, {@code country}, and from a
 * City database {@code subdivision}, {@code city}, {@code latitude}, {@code longitude}, {@code
 * time_zone}. An address the database does not know gets a null struct; a value that is no IP
 * address is an error. Addresses are parsed as literals, never resolved through DNS.
 */
public final class GeoStep implements TransformStep, Closeable {
  private final FieldPath field;
  private final String target;
  private final DatabaseReader reader;
  private final boolean city;

  private GeoStep(FieldPath field, String target, DatabaseReader reader) {
    this.field = requireNonNull(field, "field is null");
    this.target = requireNonNull(target, "target is null");
    this.reader = requireNonNull(reader, "reader is null");
    this.city = reader.getMetadata().getDatabaseType().toLowerCase(Locale.ROOT).contains("city");
  }

  /**
   * Opens the database; a missing or unreadable file, or one that is not a MaxMind database, is
   * refused with a message naming the file.
   */
  public static GeoStep open(FieldPath field, String target, Path database) {
    if (target.isBlank() || target.contains(".")) {
      throw new IllegalArgumentException(
          "the target is a name beside the field, without dots: '" + target + "'");
    }
    if (!Files.isRegularFile(database)) {
      throw new IllegalArgumentException(
          "no such MaxMind database file: " + database.toAbsolutePath());
    }
    if (!Files.isReadable(database)) {
      throw new IllegalArgumentException("cannot read " + database.toAbsolutePath());
    }
    try {
      DatabaseReader reader =
          new DatabaseReader.Builder(database.toFile()).withCache(new CHMCache()).build();
      return new GeoStep(field, target, reader);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          database.toAbsolutePath() + " is not a MaxMind database: " + e.getMessage(), e);
    }
  }

  @Override
  public String type() {
    return "geoip";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    field.forEach(
        record,
        (parent, key, value) -> {
          if (value == null || value.isNull()) {
            return;
          }
          if (!value.isTextual() || !InetAddresses.isInetAddress(value.textValue().trim())) {
            throw new TransformException(
                "field '" + field + "' is not an IP address",
                TransformException.was(value.asText()));
          }
          InetAddress address = InetAddresses.forString(value.textValue().trim());
          parent.set(target, lookUp(address));
        });
    return true;
  }

  private JsonNode lookUp(InetAddress address) throws TransformException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    Optional<? extends AbstractCountryResponse> found;
    try {
      found = city ? reader.tryCity(address) : reader.tryCountry(address);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the MaxMind database", e);
    } catch (GeoIp2Exception e) {
      throw new TransformException("field '" + field + "' cannot be looked up: " + e.getMessage());
    }
    if (found.isEmpty()) {
      return nodes.nullNode();
    }
    AbstractCountryResponse response = found.get();
    ObjectNode geo = nodes.objectNode();
    geo.put("country_iso_code", response.getCountry().getIsoCode());
    geo.put("country", response.getCountry().getName());
    if (response instanceof CityResponse cityResponse) {
      geo.put("subdivision", cityResponse.getMostSpecificSubdivision().getName());
      geo.put("city", cityResponse.getCity().getName());
      geo.put("latitude", cityResponse.getLocation().getLatitude());
      geo.put("longitude", cityResponse.getLocation().getLongitude());
      geo.put("time_zone", cityResponse.getLocation().getTimeZone());
    }
    return geo;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  @Override
  public String toString() {
    return "geoip[" + field + " -> " + target + "]";
  }
}
