package io.tributary.ingest.kinesis;

import io.tributary.ingest.source.SourcePartition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Kinesis source has read, for the service's metrics: records and bytes counted over all
 * shards, and how far behind the newest record each shard held by this process is. Shards leave the
 * map when their lease is lost or they end, so it stays as small as the shards held.
 */
public final class KinesisShardMetrics {
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final Map<String, Long> millisBehindLatest = new ConcurrentHashMap<>();

  void read(SourcePartition shard, long recordCount, long byteCount, long millisBehind) {
    records.addAndGet(recordCount);
    bytes.addAndGet(byteCount);
    millisBehindLatest.put(shard.partition(), millisBehind);
  }

  void released(SourcePartition shard) {
    millisBehindLatest.remove(shard.partition());
  }

  public long records() {
    return records.get();
  }

  public long bytes() {
    return bytes.get();
  }

  /** The largest lag over the shards held, 0 when none is held. */
  public long maxMillisBehindLatest() {
    return millisBehindLatest.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** Lag per shard id of the shards held now. */
  public Map<String, Long> millisBehindLatest() {
    return Map.copyOf(millisBehindLatest);
  }
}
