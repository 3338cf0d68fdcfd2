package io.tributary.ingest;

import io.tributary.ingest.source.SourcePartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What this writer knows of one table's positions: the committed position per partition (what the
 * next commit expects to find) and the positions read since the last commit (what it will record).
 */
final class TableState {
  private final TableIdentifier identifier;
  private final Map<SourcePartition, Optional<Long>> committed = new HashMap<>();
  private final Map<SourcePartition, Long> pending = new HashMap<>();
  private long lastCommitMillis;

  TableState(TableIdentifier identifier) {
    this.identifier = identifier;
  }

  TableIdentifier identifier() {
    return identifier;
  }

  /** True when this table already holds the record at that position. */
  boolean holds(SourcePartition partition, long position) {
    Optional<Long> last = committed.getOrDefault(partition, Optional.empty());
    return last.isPresent() && position <= last.get();
  }

  Optional<Long> committed(SourcePartition partition) {
    return committed.getOrDefault(partition, Optional.empty());
  }

  void resetCommitted(SourcePartition partition, Optional<Long> position) {
    committed.put(partition, position);
    pending.remove(partition);
  }

  void read(SourcePartition partition, long position) {
    pending.merge(partition, position, Math::max);
  }

  Map<SourcePartition, Long> pending() {
    return Map.copyOf(pending);
  }

  /** The committed positions the pending ones replace, as the commit's guard expects them. */
  Map<SourcePartition, Optional<Long>> expectedFor(Set<SourcePartition> partitions) {
    Map<SourcePartition, Optional<Long>> expected = new HashMap<>();
    for (SourcePartition partition : partitions) {
      expected.put(partition, committed(partition));
    }
    return expected;
  }

  void committedPending(Map<SourcePartition, Long> positions, long nowMillis) {
    positions.forEach(
        (partition, position) -> {
          committed.put(partition, Optional.of(position));
          pending.remove(partition, position);
        });
    lastCommitMillis = nowMillis;
  }

  /** Whether positions alone are worth a commit, so an idle table does not hold back recovery. */
  boolean positionsDue(long nowMillis, long idleAdvanceMillis) {
    if (pending.isEmpty()) {
      return false;
    }
    boolean neverCommitted = pending.keySet().stream().anyMatch(p -> committed(p).isEmpty());
    return neverCommitted || nowMillis - lastCommitMillis >= idleAdvanceMillis;
  }

  void forget(Set<SourcePartition> partitions) {
    partitions.forEach(
        partition -> {
          committed.remove(partition);
          pending.remove(partition);
        });
  }

  void clearPending() {
    pending.clear();
  }
}
