package io.tributary.ingest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Reads the text of a field the user declared a timestamp (a {@code timestamptz} hint or the
 * event-time field) in the forms such fields take in real streams: ISO-8601 with {@code T} or a
 * space between date and time, with an offset or without one. A time without an offset is read as
 * UTC, the convention of Athena, Trino and most event producers; undeclared fields never are, so
 * inference still needs an explicit offset before it makes a column a timestamp.
 */
final class HintedTimestamps {
  private static final int DATE_LENGTH = "yyyy-MM-dd".length();
  // One parse whether or not the offset is there: exceptions stay for text that is no time at all.
  private static final DateTimeFormatter DATE_TIME_WITH_OPTIONAL_OFFSET =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter();

  private HintedTimestamps() {}

  static Optional<OffsetDateTime> parse(String text) {
    try {
      TemporalAccessor parsed =
          DATE_TIME_WITH_OPTIONAL_OFFSET.parseBest(
              withTimeSeparator(text.trim()), OffsetDateTime::from, LocalDateTime::from);
      return Optional.of(
          parsed instanceof OffsetDateTime withOffset
              ? withOffset
              : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC));
    } catch (DateTimeParseException notATime) {
      return Optional.empty();
    }
  }

  private static String withTimeSeparator(String text) {
    if (text.length() > DATE_LENGTH && text.charAt(DATE_LENGTH) == ' ') {
      return text.substring(0, DATE_LENGTH) + 'T' + text.substring(DATE_LENGTH + 1);
    }
    return text;
  }
}
