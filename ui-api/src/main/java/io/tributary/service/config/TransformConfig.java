package io.tributary.service.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a transform chain. Which keys apply depends on {@code type}; the others must be left
 * out.
 */
public interface TransformConfig {
  /**
   * {@code mask}, {@code drop}, {@code rename}, {@code filter}, {@code derive}, {@code flatten},
   * {@code timestamp}, {@code user-agent} or {@code geoip}.
   */
  String type();

  /** mask, drop: normalized dotted paths ({@code customer.email}, {@code items.card}). */
  Optional<List<String>> fields();

  /** mask: {@code hash} (keyed HMAC-SHA256), {@code redact} or {@code keep-last}. */
  Optional<String> method();

  /**
   * mask with {@code method: hash}: the HMAC key, at least 16 bytes; set it from a secret, as in
   * {@code ${MASK_SECRET}}. The same key masks a value the same way in every table.
   */
  Optional<String> hmacSecret();

  /** mask with {@code method: redact}: the text every value becomes; {@code REDACTED}. */
  Optional<String> replacement();

  /** mask with {@code method: keep-last}: how many trailing characters stay. */
  OptionalInt keep();

  /** rename: the field's path. */
  Optional<String> from();

  /** rename: its new name, in the same object. */
  Optional<String> to();

  /**
   * filter: a CEL expression that is true for records to keep; derive: the CEL expression whose
   * value the field gets. Fields are variables by their top-level names; {@code record} is the
   * whole record.
   */
  Optional<String> expression();

  /**
   * derive: the top-level field to set; flatten: the object to flatten (every top-level object
   * without it); timestamp: the field to normalize; user-agent, geoip: the field to read.
   */
  Optional<String> field();

  /** flatten: how many levels are lifted into {@code parent_child} names; 1 by default. */
  OptionalInt depth();

  /**
   * timestamp: {@code iso-8601}, {@code epoch-seconds}, {@code epoch-millis}, {@code epoch-micros}
   * or a pattern such as {@code dd/MM/yyyy HH:mm:ss}.
   */
  Optional<String> format();

  /** timestamp: the zone of values without an offset; {@code UTC} by default. */
  Optional<String> zone();

  /**
   * user-agent, geoip: the struct set beside the field; {@code <field>_agent} or {@code
   * <field>_geo} by default.
   */
  Optional<String> target();

  /** geoip: the MaxMind database file (GeoIP2 or GeoLite2, City or Country), which you provide. */
  Optional<String> database();
}
