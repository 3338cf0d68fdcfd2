package io.tributary.ingest.kinesis;

import static java.util.Objects.requireNonNull;

import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.RecordSource;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the shards whose KCL leases this process holds. The KCL pushes records on its own threads
 * into a bounded {@link HandOff}; the pipeline pulls them here, on its thread, where every lease
 * change is turned into an assignment or a revocation and records the tables already hold are
 * skipped.
 *
 * <p>KCL checkpoints are written only from {@link #checkpoint}, which the pipeline calls after its
 * Iceberg commits, so they never run ahead of the tables; they only shorten what a new lease owner
 * reads and skips. A shard's end is checkpointed (which starts its children) only once everything
 * read from it is committed.
 */
public final class KinesisRecordSource implements RecordSource {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisRecordSource.class);
  private static final int HAND_OFF_BATCHES = 16;
  private static final int EVENTS_PER_POLL = 32;
  private static final Duration SHARD_END_WAIT = Duration.ofMinutes(5);

  private final PartitionAssignments assignments;
  private final HandOff handOff;
  private final ShardReplay replay;
  private final KinesisShardMetrics metrics;
  private final AutoCloseable reader;
  private final Map<SourcePartition, ShardState> shards = new HashMap<>();
  private final List<SourceRecord> replayed = new ArrayList<>();
  private boolean paused;

  public KinesisRecordSource(
      KinesisSourceSettings settings,
      PartitionAssignments assignments,
      KinesisShardMetrics metrics) {
    this.assignments = requireNonNull(assignments, "assignments is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.handOff = new HandOff(HAND_OFF_BATCHES);
    KinesisClients clients = KinesisClients.open(settings);
    this.replay = new KinesisShardReplay(clients.kinesis());
    this.reader =
        KclReader.start(
            settings,
            clients,
            () -> new ShardProcessor(settings.stream(), handOff, SHARD_END_WAIT));
  }

  KinesisRecordSource(
      PartitionAssignments assignments,
      HandOff handOff,
      ShardReplay replay,
      KinesisShardMetrics metrics,
      AutoCloseable reader) {
    this.assignments = requireNonNull(assignments, "assignments is null");
    this.handOff = requireNonNull(handOff, "handOff is null");
    this.replay = requireNonNull(replay, "replay is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.reader = requireNonNull(reader, "reader is null");
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) {
    if (!replayed.isEmpty()) {
      List<SourceRecord> records = List.copyOf(replayed);
      replayed.clear();
      return records;
    }
    if (paused) {
      // Leaving the hand-off full is the backpressure: the KCL's shard threads wait in put.
      LockSupport.parkNanos(timeout.toNanos());
      return List.of();
    }
    List<HandOff.Event> events;
    try {
      events = handOff.take(timeout, EVENTS_PER_POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    List<SourceRecord> records = new ArrayList<>();
    Set<SourcePartition> started = new LinkedHashSet<>();
    for (HandOff.Event event : events) {
      if (event instanceof HandOff.Started start) {
        started.add(start.shard());
        continue;
      }
      // Assignments are resolved in one call per run of lease gains: each reads the tables.
      assign(started);
      started.clear();
      if (event instanceof HandOff.Records batch) {
        accept(batch, records);
      } else if (event instanceof HandOff.Lost lost) {
        // Records of the shard taken in this same poll must not reach the pipeline any more.
        records.removeIf(record -> record.partition().equals(lost.shard()));
        release(lost.shard(), "lease lost");
      } else if (event instanceof HandOff.Ended ended) {
        ShardState state = shards.get(ended.shard());
        if (state == null) {
          ended.committed().complete(null);
        } else {
          state.ended = ended.committed();
          finishIfCommitted(ended.shard(), state);
        }
      }
    }
    assign(started);
    return records;
  }

  private void assign(Set<SourcePartition> started) {
    if (started.isEmpty()) {
      return;
    }
    Map<SourcePartition, Optional<SourcePosition>> positions =
        assignments.assigned(Set.copyOf(started));
    for (SourcePartition shard : started) {
      Optional<SourcePosition> position = positions.getOrDefault(shard, Optional.empty());
      shards.put(shard, new ShardState(position));
      LOG.info("Reading {}; skipping through table position {}", shard, position);
    }
  }

  private void accept(HandOff.Records batch, List<SourceRecord> out) {
    ShardState state = shards.get(batch.shard());
    if (state == null) {
      // A lease gain we never saw announced (cannot happen with one ordered queue): resolve now.
      assign(Set.of(batch.shard()));
      state = shards.get(batch.shard());
    }
    state.checkpointer = batch.checkpointer();
    long bytes = 0;
    for (SourceRecord record : batch.records()) {
      bytes += record.sizeInBytes();
      if (state.skipThrough.isPresent() && !record.position().isAfter(state.skipThrough.get())) {
        continue;
      }
      if (state.firstDelivered.isEmpty()) {
        state.firstDelivered = Optional.of(record.position());
      }
      state.lastDelivered = Optional.of(record.position());
      out.add(record);
    }
    metrics.read(batch.shard(), batch.records().size(), bytes, batch.millisBehindLatest());
  }

  @Override
  public void checkpoint(Map<SourcePartition, SourcePosition> handled) {
    handled.forEach(
        (shard, position) -> {
          ShardState state = shards.get(shard);
          if (state == null) {
            return;
          }
          state.committed = Optional.of(position);
          // The KCL refuses checkpoints beyond what it delivered to this process.
          boolean delivered =
              state.lastDelivered.isPresent() && !position.isAfter(state.lastDelivered.get());
          if (state.checkpointer != null
              && delivered
              && !state.lastCheckpoint.equals(Optional.of(position))) {
            state.checkpointer.checkpoint(position);
            state.lastCheckpoint = Optional.of(position);
          }
        });
    for (Map.Entry<SourcePartition, ShardState> entry : List.copyOf(shards.entrySet())) {
      finishIfCommitted(entry.getKey(), entry.getValue());
    }
  }

  private void finishIfCommitted(SourcePartition shard, ShardState state) {
    if (state.ended == null) {
      return;
    }
    if (isCommitted(state.lastDelivered, state.committed)) {
      CompletableFuture<Void> ended = state.ended;
      state.ended = null;
      release(shard, "read to its end and committed");
      ended.complete(null);
    }
  }

  /** Whether everything delivered (nothing, or through {@code delivered}) is at or below. */
  private static boolean isCommitted(
      Optional<SourcePosition> delivered, Optional<SourcePosition> committed) {
    return delivered.isEmpty()
        || committed.isPresent() && !delivered.get().isAfter(committed.get());
  }

  private void release(SourcePartition shard, String reason) {
    ShardState state = shards.remove(shard);
    metrics.released(shard);
    if (state != null) {
      assignments.revoked(Set.of(shard));
      if (state.ended != null) {
        state.ended.cancel(false);
      }
    }
    LOG.info("Released {}: {}", shard, reason);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  /**
   * The KCL cannot seek, and what a failed commit dropped was already delivered by it. The dropped
   * range (after the table position, through the last record handed to the pipeline) is read again
   * here with plain GetRecords calls and returned by the next poll, before anything the KCL
   * delivers after it, so per-shard order holds. The KCL's own reading is untouched, which keeps
   * its lease and checkpoint bookkeeping consistent; the skip position makes anything at or below
   * the table position disappear whichever way it arrives.
   */
  @Override
  public void rewind(Map<SourcePartition, Optional<SourcePosition>> positions) {
    replayed.clear();
    positions.forEach(
        (shard, position) -> {
          ShardState state = shards.get(shard);
          if (state == null) {
            return;
          }
          state.skipThrough = position;
          state.committed = position;
          if (isCommitted(state.lastDelivered, position)) {
            return;
          }
          List<SourceRecord> records =
              replay.read(shard, position, state.firstDelivered.get(), state.lastDelivered.get());
          LOG.info("Re-read {} records of {} after {}", records.size(), shard, position);
          replayed.addAll(records);
        });
  }

  @Override
  public void close() {
    for (HandOff.Event event : handOff.close()) {
      if (event instanceof HandOff.Ended ended) {
        ended.committed().cancel(false);
      }
    }
    shards.values().stream()
        .filter(state -> state.ended != null)
        .forEach(state -> state.ended.cancel(false));
    try {
      reader.close();
    } catch (Exception e) {
      LOG.warn("Stopping the Kinesis reader failed: {}", e.toString());
    }
  }

  /** What the pipeline's side knows about one shard held by this process. */
  private static final class ShardState {
    private Optional<SourcePosition> skipThrough;
    private Optional<SourcePosition> committed;
    private Optional<SourcePosition> firstDelivered = Optional.empty();
    private Optional<SourcePosition> lastDelivered = Optional.empty();
    private Optional<SourcePosition> lastCheckpoint = Optional.empty();
    private ShardCheckpointer checkpointer;
    private CompletableFuture<Void> ended;

    ShardState(Optional<SourcePosition> tablePosition) {
      this.skipThrough = tablePosition;
      this.committed = tablePosition;
    }
  }
}
