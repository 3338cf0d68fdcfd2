package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How small files are found and merged.
 *
 * @param targetFileSizeBytes the size rewritten files aim for, unless the table's {@code
 *     write.target-file-size-bytes} property says otherwise
 * @param smallFileRatio a file below {@code targetFileSizeBytes * smallFileRatio} is small
 * @param hotPartitionMaxSmallFiles a partition still being written is compacted once it holds this
 *     many small files, so at most this many are outstanding
 * @param coldAfter a partition not written for this long is cold and compacted completely
 * @param maxBytesPerMinute input bytes rewritten per minute at most, so ingestion keeps its
 *     throughput
 * @param threads groups rewritten at once
 */
public record CompactionSettings(
    long targetFileSizeBytes,
    double smallFileRatio,
    int hotPartitionMaxSmallFiles,
    Duration coldAfter,
    long maxBytesPerMinute,
    int threads) {
  public CompactionSettings {
    requireNonNull(coldAfter, "coldAfter is null");
    if (targetFileSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "target file size must be positive: " + targetFileSizeBytes);
    }
    if (smallFileRatio <= 0 || smallFileRatio > 1) {
      throw new IllegalArgumentException("small file ratio must be in (0, 1]: " + smallFileRatio);
    }
    if (hotPartitionMaxSmallFiles < 2) {
      throw new IllegalArgumentException(
          "hot partitions need at least 2 small files to compact: " + hotPartitionMaxSmallFiles);
    }
    if (maxBytesPerMinute <= 0) {
      throw new IllegalArgumentException(
          "max bytes per minute must be positive: " + maxBytesPerMinute);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("compaction needs at least one thread: " + threads);
    }
  }

  public static CompactionSettings defaults() {
    return new CompactionSettings(128L << 20, 0.75, 10, Duration.ofMinutes(10), 1L << 30, 1);
  }
}
