package io.tributary.schema;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The declared unit of epoch numbers in a timestamp field; numbers are never guessed to be times.
 */
public enum EpochUnit {
  SECONDS(1_000_000),
  MILLIS(1_000),
  MICROS(1);

  private final long microsPerUnit;

  EpochUnit(long microsPerUnit) {
    this.microsPerUnit = microsPerUnit;
  }

  static EpochUnit fromConfigName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "epoch-seconds" -> SECONDS;
      case "epoch-millis" -> MILLIS;
      case "epoch-micros" -> MICROS;
      default ->
          throw new IllegalArgumentException(
              "unknown epoch unit '" + name + "': use epoch-seconds, epoch-millis or epoch-micros");
    };
  }

  /** Microseconds since the epoch, or empty when the number has finer digits than microseconds. */
  public OptionalLong toMicros(BigDecimal value) {
    try {
      BigDecimal micros = value.multiply(BigDecimal.valueOf(microsPerUnit));
      return OptionalLong.of(micros.stripTrailingZeros().longValueExact());
    } catch (ArithmeticException notExact) {
      return OptionalLong.empty();
    }
  }
}
