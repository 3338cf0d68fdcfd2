package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

/** How one partition's data is laid out in files, as a planner saw it. */
public record PartitionLayout(
    String partition, int dataFiles, int smallFiles, long bytes, boolean cold) {
  public PartitionLayout {
    requireNonNull(partition, "partition is null");
  }
}
