package io.tributary.compaction;

import org.apache.iceberg.exceptions.CleanableFailure;

/**
 * A maintenance commit refused because this replica no longer holds the table's lease. The commit
 * never reached the catalog, so whatever it wrote may be deleted (Iceberg deletes its manifests on
 * a {@link CleanableFailure}).
 */
public final class LeaseLostException extends RuntimeException implements CleanableFailure {
  public LeaseLostException(String message) {
    super(message);
  }
}
