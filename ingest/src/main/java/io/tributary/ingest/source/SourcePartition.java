package io.tributary.ingest.source;

import static java.util.Objects.requireNonNull;

/**
 * One ordered unit of a stream: a Kafka topic partition or a Kinesis shard. Positions are ordered
 * within a partition only.
 */
public record SourcePartition(String stream, String partition) {
  public SourcePartition {
    requireNonNull(stream, "stream is null");
    requireNonNull(partition, "partition is null");
    if (stream.isEmpty() || stream.indexOf(':') >= 0) {
      throw new IllegalArgumentException("invalid stream name: '" + stream + "'");
    }
  }

  public static SourcePartition kafka(String topic, int partition) {
    return new SourcePartition(topic, Integer.toString(partition));
  }

  /** The form used in snapshot summary keys and log messages: {@code stream:partition}. */
  @Override
  public String toString() {
    return stream + ":" + partition;
  }
}
