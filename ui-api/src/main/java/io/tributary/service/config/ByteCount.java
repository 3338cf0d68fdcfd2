package io.tributary.service.config;

import java.util.Locale;
import java.util.regex.Matcher;

/** A size in bytes as written in config: {@code 256MB}, {@code 64KiB}, {@code 1G}, {@code 4096}. */
public record ByteCount(long bytes) {
  private static final java.util.regex.Pattern FORMAT =
      java.util.regex.Pattern.compile("^\\s*(\\d+)\\s*([kmgt]?)(i?b?)\\s*$");

  public ByteCount {
    if (bytes <= 0) {
      throw new IllegalArgumentException("size must be positive: " + bytes);
    }
  }

  /** Read by the config system for every {@code ByteCount} property. */
  public static ByteCount parse(String text) {
    Matcher matcher = FORMAT.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Invalid size '" + text + "'; expected a number with an optional unit, as in 256MB");
    }
    String unit = matcher.group(2);
    int exponent = unit.isEmpty() ? 0 : "kmgt".indexOf(unit) + 1;
    return new ByteCount(
        Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << (10 * exponent)));
  }
}
