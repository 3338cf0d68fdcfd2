package io.tributary.ingest;

import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.RecordSource;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A source over fixed, in-memory partition logs; assigns all partitions on the first poll. */
final class FakeRecordSource implements RecordSource {
  // Small polls spread a log over several commits, as a real consumer does under load.
  private static final int RECORDS_PER_POLL = 10;

  private final Map<SourcePartition, List<SourceRecord>> logs;
  private final PartitionAssignments assignments;
  private final Map<SourcePartition, Integer> next = new HashMap<>();
  private final Map<SourcePartition, SourcePosition> checkpoints = new HashMap<>();
  private boolean assigned;
  private boolean paused;

  FakeRecordSource(
      Map<SourcePartition, List<SourceRecord>> logs, PartitionAssignments assignments) {
    this.logs = logs;
    this.assignments = assignments;
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) {
    if (!assigned) {
      assigned = true;
      Map<SourcePartition, Optional<SourcePosition>> resume = assignments.assigned(logs.keySet());
      logs.keySet().forEach(partition -> seek(partition, resume.get(partition)));
    }
    List<SourceRecord> batch = new ArrayList<>();
    if (paused) {
      return batch;
    }
    for (Map.Entry<SourcePartition, List<SourceRecord>> log : logs.entrySet()) {
      int from = next.get(log.getKey());
      int to = Math.min(log.getValue().size(), from + RECORDS_PER_POLL);
      batch.addAll(log.getValue().subList(from, to));
      next.put(log.getKey(), to);
    }
    return batch;
  }

  @Override
  public void checkpoint(Map<SourcePartition, SourcePosition> handled) {
    checkpoints.putAll(handled);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void rewind(Map<SourcePartition, Optional<SourcePosition>> positions) {
    positions.forEach(this::seek);
  }

  @Override
  public void close() {}

  private void seek(SourcePartition partition, Optional<SourcePosition> lastHandled) {
    List<SourceRecord> log = logs.get(partition);
    int index = 0;
    while (index < log.size()
        && lastHandled.isPresent()
        && !log.get(index).position().isAfter(lastHandled.get())) {
      index++;
    }
    next.put(partition, index);
  }
}
