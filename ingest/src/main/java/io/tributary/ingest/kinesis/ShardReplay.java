package io.tributary.ingest.kinesis;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.util.List;
import java.util.Optional;

/** Reads a range of a shard again, outside the KCL, after a failed commit dropped it. */
interface ShardReplay {
  /**
   * The shard's records after {@code after} (or from {@code from} inclusive, when absent) up to and
   * including {@code through}, in order, de-aggregated.
   */
  List<SourceRecord> read(
      SourcePartition shard,
      Optional<SourcePosition> after,
      SourcePosition from,
      SourcePosition through);
}
