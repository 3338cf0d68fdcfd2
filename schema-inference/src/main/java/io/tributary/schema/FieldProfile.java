package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
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
  private final Map<JsonType, Long> types = new EnumMap<>(JsonType.class);
  private long present;
  private long nulls;
  private long rescued;
  private BigDecimal minNumber;
  private BigDecimal maxNumber;
  private Instant minTime;
  private Instant maxTime;
  private long firstSeenMillis;
  private long lastSeenMillis;

  void observe(JsonNode value, long nowMillis) {
    if (firstSeenMillis == 0) {
      firstSeenMillis = nowMillis;
    }
    lastSeenMillis = nowMillis;
    if (value.isNull()) {
      nulls++;
      types.merge(JsonType.NULL, 1L, Long::sum);
      return;
    }
    present++;
    JsonType type = JsonType.of(value);
    types.merge(type, 1L, Long::sum);
    switch (type) {
      case INTEGER, FRACTION -> {
        BigDecimal number = value.decimalValue();
        distinct.update(number.stripTrailingZeros().toPlainString());
        minNumber = minNumber == null || number.compareTo(minNumber) < 0 ? number : minNumber;
        maxNumber = maxNumber == null || number.compareTo(maxNumber) > 0 ? number : maxNumber;
      }
      case STRING -> {
        String text = value.textValue();
        distinct.update(text);
        if (ScalarObservation.isTimestampWithOffset(text)) {
          Instant time = OffsetDateTime.parse(text).toInstant();
          minTime = minTime == null || time.isBefore(minTime) ? time : minTime;
          maxTime = maxTime == null || time.isAfter(maxTime) ? time : maxTime;
        }
      }
      case BOOLEAN -> distinct.update(value.booleanValue() ? 1L : 0L);
      default -> {
        // Objects and arrays are profiled through their own fields.
      }
    }
  }

  void rescued() {
    rescued++;
  }

  FieldProfileView view(String path, long records) {
    Map<String, Long> histogram = new java.util.LinkedHashMap<>();
    types.forEach((type, count) -> histogram.put(type.label(), count));
    return new FieldProfileView(
        path,
        records,
        present,
        nulls,
        rescued,
        histogram,
        Math.round(distinct.getEstimate()),
        minNumber == null ? null : minNumber.toPlainString(),
        maxNumber == null ? null : maxNumber.toPlainString(),
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
