package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;

/**
 * What one field's values looked like over everything observed: how often it was present or null,
 * the JSON types seen, an approximate distinct count (HLL), the range of numbers and timestamps,
 * and when it was first and last seen.
 */
final class FieldProfile {
  // 2^11 buckets: about 2% relative error in a sketch of about 1.3 KB.
  private static final int LOG_BUCKETS = 11;

  private final HllSketch distinct = new HllSketch(LOG_BUCKETS);
  private final long[] types = new long[JsonType.values().length];
  private long present;
  private long nulls;
  private long rescued;
  private BigDecimal minNumber;
  private BigDecimal maxNumber;
  private boolean sawLong;
  private long minLong;
  private long maxLong;
  private Instant minTime;
  private Instant maxTime;
  // The extremes as written, when they are UTC ('Z') strings: same-length UTC strings order like
  // their instants, so most timestamps are placed without parsing them.
  private String minUtcText;
  private String maxUtcText;
  private long firstSeenMillis;
  private long lastSeenMillis;

  void observe(JsonNode value, long nowMillis) {
    if (firstSeenMillis == 0) {
      firstSeenMillis = nowMillis;
    }
    lastSeenMillis = nowMillis;
    if (value.isNull()) {
      nulls++;
      types[JsonType.NULL.ordinal()]++;
      return;
    }
    present++;
    JsonType type = JsonType.of(value);
    types[type.ordinal()]++;
    switch (type) {
      case INTEGER -> {
        if (value.canConvertToLong()) {
          observeLong(value.longValue());
        } else {
          observeDecimal(value.decimalValue());
        }
      }
      case FRACTION -> observeDecimal(value.decimalValue());
      case STRING -> {
        String text = value.textValue();
        distinct.update(hash(text));
        observeTimestamp(text);
      }
      case BOOLEAN -> distinct.update(value.booleanValue() ? 1L : 0L);
      default -> {
        // Objects and arrays are profiled through their own fields.
      }
    }
  }

  private void observeTimestamp(String text) {
    boolean utc = text.endsWith("Z");
    if (utc
        && minUtcText != null
        && text.length() == minUtcText.length()
        && text.length() == maxUtcText.length()
        && text.compareTo(minUtcText) >= 0
        && text.compareTo(maxUtcText) <= 0) {
      return;
    }
    if (!ScalarObservation.isTimestampWithOffset(text)) {
      return;
    }
    Instant time = OffsetDateTime.parse(text).toInstant();
    if (minTime == null || time.isBefore(minTime)) {
      minTime = time;
      minUtcText = utc ? text : null;
    }
    if (maxTime == null || time.isAfter(maxTime)) {
      maxTime = time;
      maxUtcText = utc ? text : null;
    }
  }

  /** A 64-bit FNV-1a hash of the characters: no byte array per value, unlike hashing UTF-8. */
  private static long hash(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private void observeLong(long number) {
    distinct.update(number);
    minLong = !sawLong || number < minLong ? number : minLong;
    maxLong = !sawLong || number > maxLong ? number : maxLong;
    sawLong = true;
  }

  private void observeDecimal(BigDecimal number) {
    // 2.50 and 2.5 are one value.
    if (ExactNumbers.fitsDouble(number)) {
      distinct.update(number.doubleValue());
    } else {
      distinct.update(hash(number.stripTrailingZeros().toPlainString()));
    }
    minNumber = minNumber == null || number.compareTo(minNumber) < 0 ? number : minNumber;
    maxNumber = maxNumber == null || number.compareTo(maxNumber) > 0 ? number : maxNumber;
  }

  private BigDecimal min() {
    if (!sawLong) {
      return minNumber;
    }
    BigDecimal fromLongs = BigDecimal.valueOf(minLong);
    return minNumber == null || fromLongs.compareTo(minNumber) < 0 ? fromLongs : minNumber;
  }

  private BigDecimal max() {
    if (!sawLong) {
      return maxNumber;
    }
    BigDecimal fromLongs = BigDecimal.valueOf(maxLong);
    return maxNumber == null || fromLongs.compareTo(maxNumber) > 0 ? fromLongs : maxNumber;
  }

  void rescued() {
    rescued++;
  }

  FieldProfileView view(String path, long records) {
    Map<String, Long> histogram = new java.util.LinkedHashMap<>();
    for (JsonType type : JsonType.values()) {
      if (types[type.ordinal()] > 0) {
        histogram.put(type.label(), types[type.ordinal()]);
      }
    }
    return new FieldProfileView(
        path,
        records,
        present,
        nulls,
        rescued,
        histogram,
        Math.round(distinct.getEstimate()),
        min() == null ? null : min().toPlainString(),
        max() == null ? null : max().toPlainString(),
        minTime,
        maxTime,
        firstSeenMillis == 0 ? null : Instant.ofEpochMilli(firstSeenMillis),
        lastSeenMillis == 0 ? null : Instant.ofEpochMilli(lastSeenMillis));
  }

  /** The JSON types a histogram counts; integers and fractions apart, as inference treats them. */
  enum JsonType {
    NULL,
    BOOLEAN,
    INTEGER,
    FRACTION,
    STRING,
    OBJECT,
    ARRAY;

    static JsonType of(JsonNode value) {
      if (value.isNull()) {
        return NULL;
      }
      if (value.isBoolean()) {
        return BOOLEAN;
      }
      if (value.isIntegralNumber()) {
        return INTEGER;
      }
      if (value.isNumber()) {
        return FRACTION;
      }
      if (value.isObject()) {
        return OBJECT;
      }
      return value.isArray() ? ARRAY : STRING;
    }

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
