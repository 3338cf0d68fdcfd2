package io.tributary.service.rest;

import io.tributary.ingest.TableStatus;
import io.tributary.service.security.SecretValues;
import java.time.Instant;

/** One table of a pipeline as the admin API shows it: a failing table is named with its error. */
public record TableStatusView(
    String table,
    String state,
    String error,
    Instant failingSince,
    int failedAttempts,
    Instant nextAttempt) {
  static TableStatusView of(TableStatus status, SecretValues secrets) {
    return new TableStatusView(
        status.table(),
        status.state().name(),
        secrets.redact(status.error().orElse(null)),
        status.failingSince().orElse(null),
        status.failedAttempts(),
        status.nextAttempt().orElse(null));
  }
}
