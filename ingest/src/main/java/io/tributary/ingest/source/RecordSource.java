package io.tributary.ingest.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream of records from partitions assigned to this process. Where reading starts is decided by
 * the {@link PartitionAssignments} callback (positions come from the tables), never by the source's
 * own checkpoint, which is only advisory.
 */
public interface RecordSource extends AutoCloseable {
  List<SourceRecord> poll(Duration timeout);

  /** Records the last handled position per partition for monitoring; never used for recovery. */
  void checkpoint(Map<SourcePartition, SourcePosition> handled);

  /** Stops fetching while the pipeline's buffer is full; assignments are kept. */
  void pause();

  void resume();

  /**
   * Moves reading back so that the next record returned for each partition is after the position
   * (empty: from the partition's start).
   */
  void rewind(Map<SourcePartition, Optional<SourcePosition>> positions);

  @Override
  void close();
}
