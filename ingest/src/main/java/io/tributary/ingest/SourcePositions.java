package io.tributary.ingest;

import io.tributary.catalog.SummaryKeys;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Reads and writes source positions in snapshot summaries. Each commit records, for every partition
 * whose records it handled, the last handled position; the newest value in the table's ancestry is
 * the table's position for that partition.
 */
final class SourcePositions {
  static final String PREFIX = SummaryKeys.POSITION_PREFIX;
  static final String PIPELINE_ID = SummaryKeys.PIPELINE_ID;
  static final String COMMIT_ID = SummaryKeys.COMMIT_ID;

  private SourcePositions() {}

  static String summaryKey(SourcePartition partition) {
    return PREFIX + partition;
  }

  /** The table's committed positions for the given partitions; absent ones were never committed. */
  static Map<SourcePartition, SourcePosition> committed(
      Table table, Collection<SourcePartition> partitions) {
    return committed(ancestry(table), partitions);
  }

  static Map<SourcePartition, SourcePosition> committed(
      Iterable<Snapshot> ancestry, Collection<SourcePartition> partitions) {
    Set<SourcePartition> missing = new HashSet<>(partitions);
    Map<SourcePartition, SourcePosition> found = new HashMap<>();
    for (Snapshot snapshot : ancestry) {
      if (missing.isEmpty()) {
        break;
      }
      Map<String, String> summary = snapshot.summary();
      if (summary == null) {
        continue;
      }
      for (SourcePartition partition : Set.copyOf(missing)) {
        String value = summary.get(summaryKey(partition));
        if (value != null) {
          found.put(partition, SourcePosition.parse(value));
          missing.remove(partition);
        }
      }
    }
    return found;
  }

  static Optional<Snapshot> findCommit(Table table, String commitId) {
    for (Snapshot snapshot : ancestry(table)) {
      if (snapshot.summary() != null && commitId.equals(snapshot.summary().get(COMMIT_ID))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  private static Iterable<Snapshot> ancestry(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Set.of();
    }
    return org.apache.iceberg.util.SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot);
  }
}
