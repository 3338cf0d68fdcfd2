package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.DataFile;

/**
 * The live data files of one partition of one partition spec.
 *
 * @param lastWriteMillis when data last arrived in the partition (rewrites do not count)
 * @param oldestSmallFileMillis when the oldest small file was committed, or {@code Long.MAX_VALUE}
 *     when there is none
 */
record PartitionFiles(
    int specId,
    String partition,
    List<DataFile> files,
    long lastWriteMillis,
    long oldestSmallFileMillis) {
  PartitionFiles {
    requireNonNull(partition, "partition is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
  }

  long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }
}
