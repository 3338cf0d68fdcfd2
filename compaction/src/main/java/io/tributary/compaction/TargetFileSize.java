package io.tributary.compaction;

import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;

/** The file size compaction aims for in one table. */
final class TargetFileSize {
  private TargetFileSize() {}

  /**
   * The table's {@code write.target-file-size-bytes} when set, else the configured target; for a
   * table with a sort order at most what the runner sorts in memory.
   */
  static long of(Table table, CompactionSettings settings) {
    long target =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            settings.targetFileSizeBytes());
    return table.sortOrder().isSorted()
        ? Math.min(target, CompactionRunner.SORTED_GROUP_MAX_BYTES)
        : target;
  }
}
