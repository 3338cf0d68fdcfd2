package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.DataFile;

/** Files of one partition that one rewrite merges into files of the target size. */
public record FileGroup(int specId, String partition, List<DataFile> files) {
  public FileGroup {
    requireNonNull(partition, "partition is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
    if (files.size() < 2) {
      throw new IllegalArgumentException("a group merges at least two files in " + partition);
    }
  }

  public long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }
}
