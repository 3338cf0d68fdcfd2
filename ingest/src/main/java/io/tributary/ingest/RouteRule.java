package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Sends records whose route field equals a value, or matches a regular expression, to a table.
 * Exactly one of {@code equalsValue} and {@code pattern} is set.
 */
public record RouteRule(
    Optional<String> equalsValue, Optional<Pattern> pattern, TableIdentifier table) {
  public RouteRule {
    requireNonNull(equalsValue, "equalsValue is null");
    requireNonNull(pattern, "pattern is null");
    requireNonNull(table, "table is null");
    if (equalsValue.isPresent() == pattern.isPresent()) {
      throw new IllegalArgumentException(
          "route rule for " + table + " needs exactly one of 'equals' and 'matches'");
    }
  }

  boolean matches(String value) {
    return equalsValue.map(value::equals).orElseGet(() -> pattern.get().matcher(value).matches());
  }
}
