package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What the scalar values of one field were over a batch, counted by the types that hold them
 * exactly, and the type chosen from that evidence:
 *
 * <ol>
 *   <li>the narrowest type that holds every value exactly, as long as that is not {@code string}
 *       only because of a few odd values: long, then double, then decimal(38, s); boolean; a
 *       timestamp when detection is on; string for strings;
 *   <li>otherwise, of boolean, long, double, decimal(38, s) and timestamptz, the one that holds the
 *       most values exactly (the narrower on a tie), if it holds at least {@code
 *       type-evidence-percent} of the field's non-null values; the values it does not hold are
 *       rescued (or go to a {@code __string} sibling);
 *   <li>otherwise string, which holds the exact JSON text of every scalar.
 * </ol>
 *
 * One {@code 1e400} among thousands of doubles leaves the column double; a few numbers among text
 * titles leave it string.
 */
final class ScalarObservation {
  static final int MAX_DECIMAL_PRECISION = 38;

  private long values;
  private long booleans;
  private long strings;
  private long numbers;
  private long fractions;
  private long timestamps;
  private long longs;
  private long doubles;
  // Numbers with at most 38 digits, and the widest scale and integer part among them.
  private long decimals;
  private int maxScale;
  private int maxIntegerDigits;
  private long maxLongMagnitude;

  void observe(JsonNode value, JsonNodeType nodeType, boolean detectTimestamps) {
    values++;
    if (nodeType == JsonNodeType.NUMBER) {
      numbers++;
      observeNumber(value);
    } else if (nodeType == JsonNodeType.BOOLEAN) {
      booleans++;
    } else {
      strings++;
      // The shape check rejects most strings at once, so counting costs little.
      if (detectTimestamps && isTimestampWithOffset(value.asText())) {
        timestamps++;
      }
    }
  }

  private void observeNumber(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      long number = value.longValue();
      longs++;
      decimals++;
      // Below 2^53 every long is exact in a double; only larger ones need checking.
      if ((number <= (1L << 53) && number >= -(1L << 53))
          || ExactNumbers.fitsDouble(BigDecimal.valueOf(number))) {
        doubles++;
      }
      // Digits are counted once, when the type is decided.
      long magnitude = number == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(number);
      maxLongMagnitude = Math.max(maxLongMagnitude, magnitude);
      return;
    }
    if (!value.isIntegralNumber()) {
      fractions++;
    }
    BigDecimal exact = value.decimalValue();
    if (ExactNumbers.fitsDouble(exact)) {
      doubles++;
    }
    int scale = ExactNumbers.scale(exact);
    int integerDigits = ExactNumbers.integerDigits(exact);
    if (scale + integerDigits <= MAX_DECIMAL_PRECISION) {
      decimals++;
      maxScale = Math.max(maxScale, scale);
      maxIntegerDigits = Math.max(maxIntegerDigits, integerDigits);
    }
  }

  Type type(int evidencePercent) {
    Type lossless = losslessType();
    if (lossless.typeId() != Type.TypeID.STRING || (strings == values && timestamps == 0)) {
      return lossless;
    }
    Type best = lossless;
    long bestFit = 0;
    // Narrowest first, so a tie keeps the narrower type.
    long[] fits = {booleans, longs, doubles, decimalFit(), timestamps};
    Type[] types = {
      Types.BooleanType.get(),
      Types.LongType.get(),
      Types.DoubleType.get(),
      decimalType(),
      Types.TimestampType.withZone()
    };
    for (int i = 0; i < fits.length; i++) {
      if (fits[i] > bestFit) {
        bestFit = fits[i];
        best = types[i];
      }
    }
    return bestFit * 100 >= (long) evidencePercent * values ? best : Types.StringType.get();
  }

  /** Whether the type chosen under {@code evidencePercent} leaves some values to rescue. */
  boolean hasMisfits(int evidencePercent) {
    Type chosen = type(evidencePercent);
    return chosen.typeId() != Type.TypeID.STRING && !chosen.equals(losslessType());
  }

  private Type losslessType() {
    int kinds = (booleans > 0 ? 1 : 0) + (strings > 0 ? 1 : 0) + (numbers > 0 ? 1 : 0);
    if (kinds > 1) {
      // A string column holds every scalar exactly, as its JSON text.
      return Types.StringType.get();
    }
    if (booleans > 0) {
      return Types.BooleanType.get();
    }
    if (strings > 0) {
      return timestamps == strings ? Types.TimestampType.withZone() : Types.StringType.get();
    }
    if (fractions == 0 && longs == numbers) {
      return Types.LongType.get();
    }
    if (doubles == numbers) {
      return Types.DoubleType.get();
    }
    if (decimals == numbers && decimalFit() == numbers) {
      return decimalType();
    }
    return Types.StringType.get();
  }

  private int integerDigits() {
    return Math.max(maxIntegerDigits, longs > 0 ? ExactNumbers.digits(maxLongMagnitude) : 0);
  }

  /** The numbers decimal(38, maxScale) holds: all of the 38-digit ones, when the widest fit. */
  private long decimalFit() {
    return integerDigits() + maxScale <= MAX_DECIMAL_PRECISION ? decimals : 0;
  }

  private Types.DecimalType decimalType() {
    return Types.DecimalType.of(MAX_DECIMAL_PRECISION, maxScale);
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
