package io.tributary.schema;

import java.math.BigDecimal;

/**
 * When a JSON number may be stored as a double without changing it: the double equals the number
 * exactly, or its shortest decimal form reads back as the written number (0.1 stays 0.1). Inference
 * and row conversion use the same rule, so a column inferred as double takes every value it saw.
 */
public final class ExactNumbers {
  private ExactNumbers() {}

  public static boolean fitsDouble(BigDecimal value) {
    // Up to 15 significant digits every decimal survives the trip through a double (DBL_DIG), and
    // checking that is far cheaper than expanding the double.
    if (value.precision() <= 15 && value.scale() <= 290 && value.scale() >= -290) {
      return true;
    }
    double converted = value.doubleValue();
    if (Double.isInfinite(converted) || Double.isNaN(converted)) {
      return false;
    }
    return new BigDecimal(converted).compareTo(value) == 0
        || BigDecimal.valueOf(converted).compareTo(value) == 0;
  }

  /** Digits after the decimal point as written (12.50 has two); never negative. */
  static int scale(BigDecimal value) {
    return Math.max(0, value.scale());
  }

  /** Digits before the decimal point. */
  static int integerDigits(BigDecimal value) {
    return Math.max(0, value.precision() - value.scale());
  }

  static int digits(long number) {
    if (number == Long.MIN_VALUE) {
      return 19;
    }
    long magnitude = Math.abs(number);
    int digits = 1;
    while (magnitude >= 10) {
      magnitude /= 10;
      digits++;
    }
    return digits;
  }
}
