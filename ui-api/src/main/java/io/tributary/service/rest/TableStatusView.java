package io.tributary.service.rest;

import io.tributary.ingest.TableStatus;
import java.time.Instant;

/** One table of a pipeline as the admin API shows it: a failing table is named with its error. */
public record TableStatusView(
    String table,
    String state,
    String error,
    Instant failingSince,
    int failedAttempts,
    Instant nextAttempt) {
  static TableStatusView of(TableStatus status) {
    return new TableStatusView(
        status.table(),
        status.state().name(),
        status.error().orElse(null),
        status.failingSince().orElse(null),
        status.failedAttempts(),
        status.nextAttempt().orElse(null));
  }
}
