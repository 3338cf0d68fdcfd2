package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a table's data is laid out in files when a plan was made.
 *
 * @param compactionLagMillis age of the oldest small file that was due for compaction but left for
 *     a later run (budget spent); zero when compaction keeps up
 * @param crowdedPartitions the partitions with the most small files, most first, at most ten
 */
public record FileLayout(
    int dataFiles,
    int smallFiles,
    int partitions,
    long compactionLagMillis,
    List<PartitionLayout> crowdedPartitions) {
  public FileLayout {
    crowdedPartitions = List.copyOf(requireNonNull(crowdedPartitions, "crowdedPartitions is null"));
  }

  public static FileLayout empty() {
    return new FileLayout(0, 0, 0, 0, List.of());
  }
}
