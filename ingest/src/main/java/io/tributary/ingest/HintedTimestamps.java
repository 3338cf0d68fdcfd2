package io.tributary.ingest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

  private HintedTimestamps() {}

  static Optional<OffsetDateTime> parse(String text) {
    String iso = withTimeSeparator(text.trim());
    try {
      return Optional.of(OffsetDateTime.parse(iso));
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC));
      } catch (DateTimeParseException notATime) {
        return Optional.empty();
      }
    }
  }

  private static String withTimeSeparator(String text) {
    if (text.length() > DATE_LENGTH && text.charAt(DATE_LENGTH) == ' ') {
      return text.substring(0, DATE_LENGTH) + 'T' + text.substring(DATE_LENGTH + 1);
    }
    return text;
  }
}
