package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What the scalar values of one field were over a batch, enough to choose the narrowest type that
 * holds every one of them exactly: long, then double, then decimal(38, s), else string.
 */
final class ScalarObservation {
  static final int MAX_DECIMAL_PRECISION = 38;

  private boolean booleans;
  private boolean strings;
  private boolean numbers;
  private boolean fractions;
  private boolean allStringsTimestamps = true;
  private boolean allIntegersFitLong = true;
  private boolean allNumbersFitDouble = true;
  private int maxScale;
  private int maxIntegerDigits;
  private long maxLongMagnitude;

  void observe(JsonNode value, JsonNodeType nodeType, boolean detectTimestamps) {
    if (nodeType == JsonNodeType.NUMBER) {
      numbers = true;
      observeNumber(value);
    } else if (nodeType == JsonNodeType.BOOLEAN) {
      booleans = true;
    } else {
      strings = true;
      if (allStringsTimestamps) {
        allStringsTimestamps = detectTimestamps && isTimestampWithOffset(value.asText());
      }
    }
  }

  private void observeNumber(JsonNode value) {
    if (value.isIntegralNumber()) {
      if (value.canConvertToLong()) {
        long number = value.longValue();
        // Below 2^53 every long is exact in a double; only larger ones need checking.
        if (allNumbersFitDouble && (number > (1L << 53) || number < -(1L << 53))) {
          allNumbersFitDouble = ExactNumbers.fitsDouble(BigDecimal.valueOf(number));
        }
        // Digits are counted once, when the type is decided.
        long magnitude = number == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(number);
        maxLongMagnitude = Math.max(maxLongMagnitude, magnitude);
        return;
      }
      allIntegersFitLong = false;
    } else {
      fractions = true;
    }
    BigDecimal exact = value.decimalValue();
    if (allNumbersFitDouble) {
      allNumbersFitDouble = ExactNumbers.fitsDouble(exact);
    }
    maxScale = Math.max(maxScale, ExactNumbers.scale(exact));
    maxIntegerDigits = Math.max(maxIntegerDigits, ExactNumbers.integerDigits(exact));
  }

  Type type() {
    int kinds = (booleans ? 1 : 0) + (strings ? 1 : 0) + (numbers ? 1 : 0);
    if (kinds > 1) {
      // A string column holds every scalar exactly, as its JSON text.
      return Types.StringType.get();
    }
    if (booleans) {
      return Types.BooleanType.get();
    }
    if (strings) {
      return allStringsTimestamps ? Types.TimestampType.withZone() : Types.StringType.get();
    }
    if (!fractions && allIntegersFitLong) {
      return Types.LongType.get();
    }
    if (allNumbersFitDouble) {
      return Types.DoubleType.get();
    }
    int integerDigits = Math.max(maxIntegerDigits, ExactNumbers.digits(maxLongMagnitude));
    if (integerDigits + maxScale <= MAX_DECIMAL_PRECISION) {
      return Types.DecimalType.of(MAX_DECIMAL_PRECISION, maxScale);
    }
    return Types.StringType.get();
  }

  /** ISO-8601 with an offset and no digits finer than microseconds, which Iceberg keeps. */
  static boolean isTimestampWithOffset(String text) {
    // Cheap shape check first: most strings are not timestamps, and exceptions are slow.
    if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
      return false;
    }
    try {
      return OffsetDateTime.parse(text).getNano() % 1_000 == 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
