package io.tributary.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether one table of a pipeline is failing, and when to try it again. A failing table is retried
 * on its own backoff while the other tables keep committing: its positions stay where they are, so
 * whatever it has not committed is read again from the source for it.
 */
final class TableHealth {
  private static final long MAX_DELAY_MILLIS = Duration.ofMinutes(5).toMillis();
  // A failing commit can spend seconds in the catalog's own retries; trying it every round would
  // spend the pipeline thread there instead of on the healthy tables.
  private static final long MIN_DELAY_MILLIS = Duration.ofSeconds(2).toMillis();

  private TableStatus.State state = TableStatus.State.HEALTHY;
  private String error;
  private long failingSinceMillis;
  private int failedAttempts;
  private long nextAttemptMillis;

  boolean healthy() {
    return state == TableStatus.State.HEALTHY;
  }

  /**
   * Whether the table dropped what it buffered to spare memory: until the source is rewound for it,
   * it must neither buffer nor commit positions, which would claim records it never wrote.
   */
  boolean behind() {
    return state == TableStatus.State.BEHIND;
  }

  /** Whether the next attempt is due (always, while healthy). */
  boolean attemptDue(long nowMillis) {
    return healthy() || nowMillis >= nextAttemptMillis;
  }

  int failedAttempts() {
    return failedAttempts;
  }

  void succeeded() {
    state = TableStatus.State.HEALTHY;
    error = null;
    failedAttempts = 0;
  }

  /**
   * Records a failure and schedules the next attempt, doubling the delay from the commit interval
   * (at least two seconds) up to five minutes.
   */
  void failed(RuntimeException failure, long nowMillis, long commitIntervalMillis) {
    long minimumDelayMillis = Math.max(MIN_DELAY_MILLIS, commitIntervalMillis);
    if (healthy()) {
      failingSinceMillis = nowMillis;
      state = TableStatus.State.RETRYING;
    }
    failedAttempts++;
    error = failure.toString();
    long delay = minimumDelayMillis << Math.min(failedAttempts - 1, 16);
    nextAttemptMillis = nowMillis + Math.min(MAX_DELAY_MILLIS, Math.max(minimumDelayMillis, delay));
  }

  void fellBehind() {
    state = TableStatus.State.BEHIND;
  }

  /** The source was rewound to the table's positions: it buffers again and is retried. */
  void caughtUpWithSource() {
    if (behind()) {
      state = TableStatus.State.RETRYING;
    }
  }

  TableStatus status(String table) {
    return new TableStatus(
        table,
        state,
        Optional.ofNullable(error),
        healthy() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(failingSinceMillis)),
        failedAttempts,
        healthy() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(nextAttemptMillis)));
  }
}
