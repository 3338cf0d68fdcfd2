package io.tributary.ingest;

import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * The one place that decides what a failed flush means. Files written for a failed commit are never
 * deleted here: after an unknown commit state they may be part of the table.
 */
final class CommitFailures {
  private CommitFailures() {}

  enum Action {
    /** The table moved in a way this writer did not expect: re-read positions, re-read records. */
    RESYNC,
    /**
     * A passing fault (network, throttling, a conflict that outlasted retries): try again later.
     */
    RETRY_LATER
  }

  /**
   * Whether trying again may succeed. Bad arguments and refused validations fail the same way every
   * time; everything else (network, catalog, object store) is taken to pass.
   */
  static boolean isPassing(RuntimeException failure) {
    return !(failure instanceof IllegalArgumentException
        || failure instanceof ValidationException
        || failure instanceof UnsupportedOperationException
        || failure instanceof ClassCastException);
  }

  static Action classify(RuntimeException failure) {
    if (failure instanceof ValidationException || failure instanceof CommitStateUnknownException) {
      return Action.RESYNC;
    }
    return Action.RETRY_LATER;
  }
}
