package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The groups to rewrite, planned on one snapshot; the rewrite is validated from that snapshot, so
 * concurrent appends never conflict with it.
 */
public record CompactionPlan(long snapshotId, List<FileGroup> groups) {
  public CompactionPlan {
    groups = List.copyOf(requireNonNull(groups, "groups is null"));
  }

  public long bytes() {
    return groups.stream().mapToLong(FileGroup::bytes).sum();
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }
}
