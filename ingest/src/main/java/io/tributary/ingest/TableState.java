package io.tributary.ingest;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The committed position of one table per partition, as this writer last saw it: what the next
 * commit expects to find in the table, and which records the table already holds.
 */
final class TableState {
  private final TableIdentifier identifier;
  private final Map<SourcePartition, SourcePosition> committed = new HashMap<>();
  private long lastCommitMillis;

  TableState(TableIdentifier identifier) {
    this.identifier = identifier;
  }

  TableIdentifier identifier() {
    return identifier;
  }

  /** True when the table already holds the record at that position. */
  boolean holds(SourcePartition partition, SourcePosition position) {
    SourcePosition last = committed.get(partition);
    return last != null && !position.isAfter(last);
  }

  Optional<SourcePosition> committed(SourcePartition partition) {
    return Optional.ofNullable(committed.get(partition));
  }

  void reset(SourcePartition partition, Optional<SourcePosition> position) {
    position.ifPresentOrElse(p -> committed.put(partition, p), () -> committed.remove(partition));
  }

  /**
   * The positions a commit now would record: every read position ahead of what the table holds.
   * Every record read up to there was either buffered for this table or routed elsewhere.
   */
  Map<SourcePartition, SourcePosition> ahead(Map<SourcePartition, SourcePosition> readPositions) {
    Map<SourcePartition, SourcePosition> ahead = new HashMap<>();
    readPositions.forEach(
        (partition, position) -> {
          if (!holds(partition, position)) {
            ahead.put(partition, position);
          }
        });
    return ahead;
  }

  /** The committed positions that the given ones replace, as the commit's guard expects them. */
  Map<SourcePartition, Optional<SourcePosition>> expectedFor(Set<SourcePartition> partitions) {
    Map<SourcePartition, Optional<SourcePosition>> expected = new HashMap<>();
    for (SourcePartition partition : partitions) {
      expected.put(partition, committed(partition));
    }
    return expected;
  }

  void committed(Map<SourcePartition, SourcePosition> positions, long nowMillis) {
    committed.putAll(positions);
    lastCommitMillis = nowMillis;
  }

  /** Whether positions alone are worth a commit, so an idle table does not hold back recovery. */
  boolean positionsDue(
      Map<SourcePartition, SourcePosition> readPositions, long nowMillis, long idleMillis) {
    Map<SourcePartition, SourcePosition> ahead = ahead(readPositions);
    if (ahead.isEmpty()) {
      return false;
    }
    boolean neverCommitted = ahead.keySet().stream().anyMatch(p -> !committed.containsKey(p));
    return neverCommitted || nowMillis - lastCommitMillis >= idleMillis;
  }

  void forget(Set<SourcePartition> partitions) {
    partitions.forEach(committed::remove);
  }
}
