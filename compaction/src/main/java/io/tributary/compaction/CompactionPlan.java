package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The groups to rewrite, planned on one snapshot; the rewrite is validated from that snapshot, so
 * concurrent appends never conflict with it. The layout is what the planner saw.
 */
public record CompactionPlan(long snapshotId, List<FileGroup> groups, FileLayout layout) {
  public CompactionPlan {
    groups = List.copyOf(requireNonNull(groups, "groups is null"));
    requireNonNull(layout, "layout is null");
  }

  public long bytes() {
    return groups.stream().mapToLong(FileGroup::bytes).sum();
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }
}
