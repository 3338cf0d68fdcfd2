package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How a timestamp field is written at the source: {@code iso-8601} (with or without an offset),
 * {@code epoch-seconds}, {@code epoch-millis}, {@code epoch-micros}, or a {@link DateTimeFormatter}
 * pattern such as {@code dd/MM/yyyy HH:mm:ss}. Values without an offset are read in the configured
 * zone.
 */
public final class TimestampFormat {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

  private final String text;
  private final DateTimeFormatter pattern;
  private final BigDecimal unitsPerSecond;

  private TimestampFormat(String text, DateTimeFormatter pattern, BigDecimal unitsPerSecond) {
    this.text = text;
    this.pattern = pattern;
    this.unitsPerSecond = unitsPerSecond;
  }

  public static TimestampFormat parse(String text) {
    requireNonNull(text, "text is null");
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "iso-8601" -> new TimestampFormat(text, DateTimeFormatter.ISO_DATE_TIME, null);
      case "epoch-seconds" -> new TimestampFormat(text, null, BigDecimal.ONE);
      case "epoch-millis" -> new TimestampFormat(text, null, THOUSAND);
      case "epoch-micros" -> new TimestampFormat(text, null, MILLION);
      default -> {
        if (text.isBlank()) {
          throw new IllegalArgumentException("a timestamp format must not be blank");
        }
        try {
          yield new TimestampFormat(text, DateTimeFormatter.ofPattern(text, Locale.ROOT), null);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "is neither iso-8601, epoch-seconds, epoch-millis, epoch-micros nor a date-time"
                  + " pattern: "
                  + e.getMessage(),
              e);
        }
      }
    };
  }

  boolean epoch() {
    return unitsPerSecond != null;
  }

  /** The instant the text says; a value without an offset is in {@code zone}. */
  Instant instant(String value, ZoneId zone) throws DateTimeException, NumberFormatException {
    if (unitsPerSecond != null) {
      BigDecimal units = new BigDecimal(value.trim());
      BigDecimal nanos = units.multiply(BILLION).divide(unitsPerSecond, 0, RoundingMode.FLOOR);
      BigDecimal[] split = nanos.divideAndRemainder(BILLION);
      return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValueExact());
    }
    TemporalAccessor parsed =
        pattern.parseBest(
            value.trim(),
            OffsetDateTime::from,
            ZonedDateTime::from,
            LocalDateTime::from,
            LocalDate::from);
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (parsed instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (parsed instanceof LocalDateTime local) {
      return local.atZone(zone).toInstant();
    }
    return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
  }

  @Override
  public String toString() {
    return text;
  }
}
