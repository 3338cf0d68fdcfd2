package io.tributary.compaction;

/** What one compaction run did to one table. */
public record CompactionResult(
    int groupsRewritten, int filesRemoved, int filesAdded, long bytesRewritten, int conflicts) {
  static CompactionResult empty() {
    return new CompactionResult(0, 0, 0, 0, 0);
  }

  CompactionResult plus(CompactionResult other) {
    return new CompactionResult(
        groupsRewritten + other.groupsRewritten,
        filesRemoved + other.filesRemoved,
        filesAdded + other.filesAdded,
        bytesRewritten + other.bytesRewritten,
        conflicts + other.conflicts);
  }
}
