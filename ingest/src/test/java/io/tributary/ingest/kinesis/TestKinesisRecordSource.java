package io.tributary.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TestKinesisRecordSource {
  private static final SourcePartition SHARD =
      new SourcePartition("events", "shardId-000000000000");
  private static final Duration POLL = Duration.ofMillis(50);

  private final HandOff handOff = new HandOff(8);
  private final RecordingAssignments assignments = new RecordingAssignments();
  private final RecordingCheckpointer checkpointer = new RecordingCheckpointer();
  private final FakeReplay replay = new FakeReplay();
  private final KinesisShardMetrics metrics = new KinesisShardMetrics();
  private final KinesisRecordSource source =
      new KinesisRecordSource(assignments, handOff, replay, metrics, () -> {});

  @Test
  void recordsAtOrBelowTheTablePositionAreSkipped() throws Exception {
    assignments.positions.put(SHARD, Optional.of(at(5)));
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(3, 8));

    List<SourceRecord> records = source.poll(POLL);

    assertThat(assignments.assigned).containsExactly(SHARD);
    assertThat(records).extracting(SourceRecord::position).containsExactly(at(6), at(7), at(8));
    assertThat(metrics.records()).as("counted as read, skipped or not").isEqualTo(6);
    assertThat(metrics.millisBehindLatest()).containsEntry(SHARD.partition(), 1_000L);
  }

  @Test
  void kclCheckpointsFollowCommitsAndNeverPassWhatWasDelivered() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(1, 8));
    source.poll(POLL);

    assertThat(checkpointer.positions).as("nothing before a commit").isEmpty();
    source.checkpoint(Map.of(SHARD, at(7)));
    source.checkpoint(Map.of(SHARD, at(7)));
    source.checkpoint(Map.of(SHARD, at(100)));

    assertThat(checkpointer.positions).containsExactly(at(7));
  }

  @Test
  void aFullHandOffBlocksTheShardThreadUntilThePipelineReads() throws Exception {
    HandOff small = new HandOff(1);
    small.put(batch(1, 2));
    CompletableFuture<Boolean> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return small.put(batch(3, 4));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !second.isDone());
    List<HandOff.Event> taken = new ArrayList<>(small.take(POLL, 10));
    assertThat(second.get()).isTrue();
    taken.addAll(small.take(POLL, 10));
    assertThat(taken).hasSize(2);
  }

  @Test
  void aPausedSourceLeavesTheHandOffFull() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(1, 2));
    source.pause();

    assertThat(source.poll(POLL)).isEmpty();
    source.resume();
    assertThat(source.poll(POLL)).hasSize(2);
  }

  @Test
  void aShardEndWaitsUntilEverythingReadFromItIsCommitted() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(1, 3));
    CompletableFuture<Void> committed = new CompletableFuture<>();
    handOff.put(new HandOff.Ended(SHARD, committed));
    source.poll(POLL);

    assertThat(committed).isNotDone();
    source.checkpoint(Map.of(SHARD, at(2)));
    assertThat(committed).isNotDone();
    source.checkpoint(Map.of(SHARD, at(3)));

    assertThat(committed).isCompleted();
    assertThat(assignments.revoked).containsExactly(SHARD);
    assertThat(metrics.millisBehindLatest()).isEmpty();
  }

  @Test
  void aShardEndWithNothingNewToCommitIsReleasedAtOnce() throws Exception {
    assignments.positions.put(SHARD, Optional.of(at(9)));
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(8, 9));
    CompletableFuture<Void> committed = new CompletableFuture<>();
    handOff.put(new HandOff.Ended(SHARD, committed));

    assertThat(source.poll(POLL)).isEmpty();
    assertThat(committed).isCompleted();
  }

  @Test
  void aRewindReReadsTheDroppedRangeBeforeAnythingNewer() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(1, 6));
    source.poll(POLL);
    handOff.put(batch(7, 8));

    source.rewind(Map.of(SHARD, Optional.of(at(3))));

    assertThat(replay.requests).containsExactly(List.of(Optional.of(at(3)), at(1), at(6)));
    assertThat(source.poll(POLL))
        .extracting(SourceRecord::position)
        .containsExactly(at(4), at(5), at(6));
    assertThat(source.poll(POLL)).extracting(SourceRecord::position).containsExactly(at(7), at(8));
  }

  @Test
  void aRewindToBeforeTheFirstRecordReadsFromTheFirstDelivered() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(4, 6));
    source.poll(POLL);

    source.rewind(Map.of(SHARD, Optional.empty()));

    assertThat(replay.requests).containsExactly(List.of(Optional.empty(), at(4), at(6)));
    assertThat(source.poll(POLL))
        .extracting(SourceRecord::position)
        .containsExactly(at(4), at(5), at(6));
  }

  @Test
  void aLostLeaseRevokesTheShard() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(1, 2));
    assertThat(source.poll(POLL)).hasSize(2);
    handOff.put(new HandOff.Lost(SHARD));

    assertThat(source.poll(POLL)).isEmpty();
    assertThat(assignments.revoked).containsExactly(SHARD);
    source.checkpoint(Map.of(SHARD, at(2)));
    assertThat(checkpointer.positions).as("no checkpoint for a shard no longer held").isEmpty();
  }

  @Test
  void recordsOfALeaseLostInTheSamePollAreNotHandedOver() throws Exception {
    SourcePartition other = new SourcePartition("events", "shardId-000000000001");
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(new HandOff.Started(other));
    handOff.put(batch(1, 2));
    handOff.put(new HandOff.Records(other, List.of(), 0, checkpointer));
    handOff.put(new HandOff.Lost(SHARD));

    assertThat(source.poll(POLL)).isEmpty();
    assertThat(assignments.revoked).containsExactly(SHARD);
  }

  @Test
  void closingReleasesShardThreadsWaitingOnAShardEnd() throws Exception {
    handOff.put(new HandOff.Started(SHARD));
    handOff.put(batch(1, 2));
    CompletableFuture<Void> committed = new CompletableFuture<>();
    handOff.put(new HandOff.Ended(SHARD, committed));
    source.poll(POLL);

    source.close();

    assertThat(committed).isCancelled();
    assertThat(handOff.put(batch(3, 3))).as("a put after close is dropped").isFalse();
  }

  private HandOff.Records batch(long first, long last) {
    return new HandOff.Records(SHARD, records(first, last), 1_000, checkpointer);
  }

  private static List<SourceRecord> records(long first, long last) {
    List<SourceRecord> records = new ArrayList<>();
    for (long sequence = first; sequence <= last; sequence++) {
      records.add(
          new SourceRecord(
              SHARD,
              at(sequence),
              0,
              "key".getBytes(StandardCharsets.UTF_8),
              "{}".getBytes(StandardCharsets.UTF_8),
              Map.of()));
    }
    return records;
  }

  private static SourcePosition at(long sequence) {
    return SourcePosition.kinesis(Long.toString(sequence), 0);
  }

  private static final class RecordingAssignments implements PartitionAssignments {
    private final Map<SourcePartition, Optional<SourcePosition>> positions = new HashMap<>();
    private final List<SourcePartition> assigned = new ArrayList<>();
    private final List<SourcePartition> revoked = new ArrayList<>();

    @Override
    public Map<SourcePartition, Optional<SourcePosition>> assigned(
        Set<SourcePartition> partitions) {
      assigned.addAll(partitions);
      Map<SourcePartition, Optional<SourcePosition>> result = new HashMap<>();
      partitions.forEach(p -> result.put(p, positions.getOrDefault(p, Optional.empty())));
      return result;
    }

    @Override
    public void revoked(Set<SourcePartition> partitions) {
      revoked.addAll(partitions);
    }
  }

  private static final class RecordingCheckpointer implements ShardCheckpointer {
    private final List<SourcePosition> positions = new ArrayList<>();

    @Override
    public void checkpoint(SourcePosition position) {
      positions.add(position);
    }
  }

  private static final class FakeReplay implements ShardReplay {
    private final List<List<Object>> requests = new ArrayList<>();

    @Override
    public List<SourceRecord> read(
        SourcePartition shard,
        Optional<SourcePosition> after,
        SourcePosition from,
        SourcePosition through) {
      requests.add(List.of(after, from, through));
      long first =
          after
              .map(p -> p.sequence().longValueExact() + 1)
              .orElse(from.sequence().longValueExact());
      return records(first, through.sequence().longValueExact());
    }
  }
}
