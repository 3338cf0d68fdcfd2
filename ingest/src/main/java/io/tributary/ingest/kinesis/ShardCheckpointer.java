package io.tributary.ingest.kinesis;

import io.tributary.ingest.source.SourcePosition;

/** Writes the KCL checkpoint of one shard; advisory, since the tables hold the real positions. */
interface ShardCheckpointer {
  void checkpoint(SourcePosition position);
}
