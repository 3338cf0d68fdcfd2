package io.tributary.catalog;

/**
 * Keys Tributary writes into Iceberg snapshot summaries. Ingest writes them; maintenance must keep
 * the snapshots that hold them reachable, so both read the names from here.
 */
public final class SummaryKeys {
  /**
   * Followed by {@code stream:partition}; the value is the last source position the table holds.
   */
  public static final String POSITION_PREFIX = "tributary.position.";

  public static final String PIPELINE_ID = "tributary.pipeline-id";
  public static final String COMMIT_ID = "tributary.commit-id";

  private SummaryKeys() {}
}
