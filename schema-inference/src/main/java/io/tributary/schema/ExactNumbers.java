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
    double converted = value.doubleValue();
    if (Double.isInfinite(converted) || Double.isNaN(converted)) {
      return false;
    }
    return new BigDecimal(converted).compareTo(value) == 0
        || BigDecimal.valueOf(converted).compareTo(value) == 0;
  }

  /** Digits after the decimal point that the number needs; never negative. */
  static int scale(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  /** Digits before the decimal point that the number needs. */
  static int integerDigits(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return Math.max(0, stripped.precision() - stripped.scale());
  }
}
