package io.tributary.ingest.source;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One record as read from a source, before decoding.
 *
 * @param position the record's position within its partition
 * @param timestampMillis the broker's timestamp (Kinesis: the approximate arrival time)
 * @param key the record key (Kinesis: the partition key in UTF-8), or null
 * @param value the record value, or null for a tombstone
 */
public record SourceRecord(
    SourcePartition partition,
    SourcePosition position,
    long timestampMillis,
    byte[] key,
    byte[] value,
    Map<String, byte[]> headers) {
  public SourceRecord {
    requireNonNull(partition, "partition is null");
    requireNonNull(position, "position is null");
    requireNonNull(headers, "headers is null");
  }

  /** A record at a Kafka offset. */
  public SourceRecord(
      SourcePartition partition,
      long offset,
      long timestampMillis,
      byte[] key,
      byte[] value,
      Map<String, byte[]> headers) {
    this(partition, SourcePosition.offset(offset), timestampMillis, key, value, headers);
  }

  public int sizeInBytes() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }

  /**
   * Coordinates for error messages and logs: {@code topic:partition@offset} or {@code
   * stream:shard@sequence}.
   */
  public String coordinates() {
    return partition + "@" + position;
  }
}
