package io.tributary.compaction;

/**
 * A maintenance commit refused because this replica no longer holds the table's lease. The commit
 * never reached the catalog, so whatever it wrote may be deleted.
 */
public final class LeaseLostException extends RuntimeException {
  public LeaseLostException(String message) {
    super(message);
  }
}
