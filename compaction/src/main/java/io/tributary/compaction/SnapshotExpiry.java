package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.SummaryKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Expires old snapshots, but never one that recovery needs: for every source partition, the newest
 * snapshot holding its position stays reachable, unless that position was last written longer ago
 * than the position retention (an abandoned stream should not pin history forever).
 */
public final class SnapshotExpiry {
  private final Duration maxSnapshotAge;
  private final int minSnapshotsToKeep;
  private final Duration positionRetention;

  public SnapshotExpiry(
      Duration maxSnapshotAge, int minSnapshotsToKeep, Duration positionRetention) {
    this.maxSnapshotAge = requireNonNull(maxSnapshotAge, "maxSnapshotAge is null");
    this.positionRetention = requireNonNull(positionRetention, "positionRetention is null");
    if (minSnapshotsToKeep < 1) {
      throw new IllegalArgumentException("keep at least one snapshot: " + minSnapshotsToKeep);
    }
    this.minSnapshotsToKeep = minSnapshotsToKeep;
  }

  /** Returns how many snapshots were expired. */
  public int expire(Table table, long nowMillis) {
    if (table.currentSnapshot() == null) {
      return 0;
    }
    long expireBefore =
        Math.min(nowMillis - maxSnapshotAge.toMillis(), positionFloor(table, nowMillis));
    int before = size(table.snapshots());
    table.expireSnapshots().expireOlderThan(expireBefore).retainLast(minSnapshotsToKeep).commit();
    table.refresh();
    return before - size(table.snapshots());
  }

  /** The time of the oldest snapshot that holds the newest position of some partition. */
  long positionFloor(Table table, long nowMillis) {
    Map<String, Long> newestHolder = new HashMap<>();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      Map<String, String> summary = snapshot.summary();
      if (summary == null) {
        continue;
      }
      for (String key : summary.keySet()) {
        if (key.startsWith(SummaryKeys.POSITION_PREFIX)) {
          newestHolder.putIfAbsent(key, snapshot.timestampMillis());
        }
      }
    }
    long abandonedBefore = nowMillis - positionRetention.toMillis();
    return newestHolder.values().stream()
        .filter(time -> time >= abandonedBefore)
        .mapToLong(Long::longValue)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  private static int size(Iterable<Snapshot> snapshots) {
    int count = 0;
    for (Snapshot ignored : snapshots) {
      count++;
    }
    return count;
  }
}
