package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps source field names to column names that Trino, Athena and Glue all accept: lowercase, {@code
 * [a-z0-9_]} only, at most 255 bytes. Names differing only in case would break Trino, so
 * normalization is the single place where names are decided.
 */
public final class ColumnNames {
  static final int MAX_BYTES = 255;

  // Records of a stream repeat the same few field names millions of times.
  private static final int CACHE_LIMIT = 100_000;
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private ColumnNames() {}

  public static String normalize(String sourceName) {
    requireNonNull(sourceName, "sourceName is null");
    String cached = CACHE.get(sourceName);
    if (cached != null) {
      return cached;
    }
    String normalized = compute(sourceName);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(sourceName, normalized);
    }
    return normalized;
  }

  private static String compute(String sourceName) {
    String lower = sourceName.toLowerCase(Locale.ROOT);
    StringBuilder name = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      name.append(allowed ? c : '_');
    }
    if (name.length() == 0) {
      name.append('_');
    }
    // Only ASCII is left, so one char is one byte.
    if (name.length() > MAX_BYTES) {
      name.setLength(MAX_BYTES);
    }
    return name.toString();
  }

  static boolean isNormalized(String name) {
    return name.equals(normalize(name))
        && name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }
}
