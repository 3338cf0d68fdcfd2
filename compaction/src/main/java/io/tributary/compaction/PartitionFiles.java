package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.DataFile;

/**
 * The live data files of one partition of one partition spec, and when the partition was last
 * written.
 */
record PartitionFiles(int specId, String partition, List<DataFile> files, long lastWriteMillis) {
  PartitionFiles {
    requireNonNull(partition, "partition is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
  }
}
