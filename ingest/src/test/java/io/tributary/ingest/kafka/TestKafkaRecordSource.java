package io.tributary.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestKafkaRecordSource {
  private static final TopicPartition TP0 = new TopicPartition("orders", 0);
  private static final TopicPartition TP1 = new TopicPartition("orders", 1);
  private static final SourcePartition P0 = SourcePartition.kafka("orders", 0);
  private static final SourcePartition P1 = SourcePartition.kafka("orders", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final RecordingAssignments assignments = new RecordingAssignments();
  private KafkaRecordSource source;

  @BeforeEach
  void subscribe() {
    KafkaSourceSettings settings =
        new KafkaSourceSettings(
            "127.0.0.1:9092",
            List.of("orders"),
            Optional.empty(),
            "tributary-test",
            KafkaSourceSettings.StartPosition.EARLIEST,
            Map.of());
    source = new KafkaRecordSource(consumer, settings, assignments);
    consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
  }

  @Test
  void assignedPartitionsResumeAfterTheTablePositionsNotTheGroupOffsets() {
    assignments.handled = Map.of(P0, Optional.of(SourcePosition.offset(41)), P1, Optional.empty());

    consumer.rebalance(List.of(TP0, TP1));

    assertThat(assignments.assigned).containsExactlyInAnyOrder(P0, P1);
    assertThat(consumer.position(TP0)).isEqualTo(42);
    assertThat(consumer.position(TP1)).isZero();
  }

  @Test
  void recordsCarryTheirCoordinatesAndCheckpointsCommitTheNextOffset() {
    assignments.handled = Map.of(P0, Optional.of(SourcePosition.offset(41)));
    consumer.rebalance(List.of(TP0));
    consumer.addRecord(
        new ConsumerRecord<>(
            "orders",
            0,
            42,
            "k".getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8)));

    List<SourceRecord> records = source.poll(Duration.ZERO);
    source.checkpoint(Map.of(P0, SourcePosition.offset(42), P1, SourcePosition.offset(7)));

    assertThat(records).extracting(SourceRecord::coordinates).containsExactly("orders:0@42");
    assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(43);
    assertThat(consumer.committed(Set.of(TP1))).doesNotContainKey(TP1);
  }

  @Test
  void rewindSeeksAfterThePositionOrToTheStart() {
    assignments.handled =
        Map.of(
            P0, Optional.of(SourcePosition.offset(10)), P1, Optional.of(SourcePosition.offset(10)));
    consumer.rebalance(List.of(TP0, TP1));

    source.rewind(Map.of(P0, Optional.of(SourcePosition.offset(3)), P1, Optional.empty()));

    assertThat(consumer.position(TP0)).isEqualTo(4);
    assertThat(consumer.position(TP1)).isZero();
  }

  @Test
  void revokedPartitionsAreReported() {
    consumer.rebalance(List.of(TP0, TP1));

    consumer.rebalance(List.of(TP1));

    assertThat(assignments.revoked).containsExactly(P0);
  }

  private static final class RecordingAssignments implements PartitionAssignments {
    private Map<SourcePartition, Optional<SourcePosition>> handled = Map.of();
    private final Set<SourcePartition> assigned = new HashSet<>();
    private final List<SourcePartition> revoked = new ArrayList<>();

    @Override
    public Map<SourcePartition, Optional<SourcePosition>> assigned(
        Set<SourcePartition> partitions) {
      assigned.addAll(partitions);
      return handled;
    }

    @Override
    public void revoked(Set<SourcePartition> partitions) {
      revoked.addAll(partitions);
    }
  }
}
