package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How one table of a pipeline is doing, for the admin API: a failing table is named here with its
 * error while the pipeline keeps committing the others.
 */
public record TableStatus(
    String table,
    State state,
    Optional<String> error,
    Optional<Instant> failingSince,
    int failedAttempts,
    Optional<Instant> nextAttempt) {
  /** Where a table's commits stand. */
  public enum State {
    /** Its last commit landed. */
    HEALTHY,
    /** Its commits fail; it keeps what it buffered and is tried again after a backoff. */
    RETRYING,
    /** Its commits fail and it dropped its buffer; the source is rewound for it on the next try. */
    BEHIND
  }

  public TableStatus {
    requireNonNull(table, "table is null");
    requireNonNull(state, "state is null");
    requireNonNull(error, "error is null");
    requireNonNull(failingSince, "failingSince is null");
    requireNonNull(nextAttempt, "nextAttempt is null");
  }
}
