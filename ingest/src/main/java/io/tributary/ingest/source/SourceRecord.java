package io.tributary.ingest.source;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One record as read from a source, before decoding.
 *
 * @param position the record's position within its partition (a Kafka offset)
 * @param timestampMillis the broker's timestamp
 * @param key the record key, or null
 * @param value the record value, or null for a tombstone
 */
public record SourceRecord(
    SourcePartition partition,
    long position,
    long timestampMillis,
    byte[] key,
    byte[] value,
    Map<String, byte[]> headers) {
  public SourceRecord {
    requireNonNull(partition, "partition is null");
    requireNonNull(headers, "headers is null");
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position + " in " + partition);
    }
  }

  public int sizeInBytes() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }

  /** Coordinates for error messages and logs: {@code topic:partition@offset}. */
  public String coordinates() {
    return partition + "@" + position;
  }
}
