package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The maintenance lease of one table, as its holder wrote it into the table property {@value
 * #PROPERTY}. The renewal time is the holder's wall clock and only informs people; rivals judge
 * expiry by how long they have seen the same value unchanged, on their own clocks.
 */
public record MaintenanceLease(String holder, Instant renewedAt, Duration duration) {
  public static final String PROPERTY = "tributary.maintenance.lease";

  public MaintenanceLease {
    requireNonNull(holder, "holder is null");
    requireNonNull(renewedAt, "renewedAt is null");
    requireNonNull(duration, "duration is null");
    if (holder.isBlank() || holder.contains(";") || holder.contains("=")) {
      throw new IllegalArgumentException("holder must be non-blank without ';' or '=': " + holder);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
  }

  /** When the lease ends unless renewed, by the holder's clock. */
  public Instant expiresAt() {
    return renewedAt.plus(duration);
  }

  /** The property value, for example {@code holder=host-1-a3f;renewed-at=...;duration=PT3M}. */
  String format() {
    return "holder=" + holder + ";renewed-at=" + renewedAt + ";duration=" + duration;
  }

  /** The lease a property value describes; empty when it is missing or unreadable. */
  public static Optional<MaintenanceLease> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : value.split(";")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parts.put(part.substring(0, equals), part.substring(equals + 1));
      }
    }
    String holder = parts.get("holder");
    String renewedAt = parts.get("renewed-at");
    String duration = parts.get("duration");
    if (holder == null || renewedAt == null || duration == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new MaintenanceLease(holder, Instant.parse(renewedAt), Duration.parse(duration)));
    } catch (DateTimeParseException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
