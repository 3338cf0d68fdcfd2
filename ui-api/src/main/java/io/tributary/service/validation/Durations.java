package io.tributary.service.validation;

import java.time.Duration;
import java.util.Locale;

/** Durations as a user writes them in config. */
final class Durations {
  private Durations() {}

  static void requirePositive(String key, Duration value, ConfigErrors errors) {
    if (value.isNegative() || value.isZero()) {
      errors.add(key, "must be positive, was " + format(value));
    }
  }

  /** {@code -5s}, {@code 1m30s}, {@code 0s}: ISO-8601 without its {@code PT}, in lower case. */
  static String format(Duration value) {
    return value.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
