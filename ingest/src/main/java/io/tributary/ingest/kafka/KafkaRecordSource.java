package io.tributary.ingest.kafka;

import static java.util.Objects.requireNonNull;

import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.RecordSource;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads Kafka partitions assigned through the consumer group; positions are Kafka offsets. */
public final class KafkaRecordSource implements RecordSource {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordSource.class);

  private final Consumer<byte[], byte[]> consumer;
  private final KafkaSourceSettings settings;
  private final PartitionAssignments assignments;

  public KafkaRecordSource(KafkaSourceSettings settings, PartitionAssignments assignments) {
    this(new KafkaConsumer<>(KafkaConsumerProperties.of(settings)), settings, assignments);
  }

  KafkaRecordSource(
      Consumer<byte[], byte[]> consumer,
      KafkaSourceSettings settings,
      PartitionAssignments assignments) {
    this.consumer = requireNonNull(consumer, "consumer is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.assignments = requireNonNull(assignments, "assignments is null");
    RebalanceListener listener = new RebalanceListener();
    settings
        .topicPattern()
        .ifPresentOrElse(
            pattern -> consumer.subscribe(pattern, listener),
            () -> consumer.subscribe(settings.topics(), listener));
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    List<SourceRecord> result = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      result.add(toSourceRecord(record));
    }
    return result;
  }

  @Override
  public void checkpoint(Map<SourcePartition, SourcePosition> handled) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Set<TopicPartition> owned = consumer.assignment();
    handled.forEach(
        (partition, position) -> {
          TopicPartition topicPartition = topicPartition(partition);
          if (owned.contains(topicPartition)) {
            offsets.put(topicPartition, new OffsetAndMetadata(position.offset() + 1));
          }
        });
    if (!offsets.isEmpty()) {
      consumer.commitAsync(
          offsets,
          (committed, failure) -> {
            if (failure != null) {
              // Advisory only: the tables hold the real positions, so a failed checkpoint is
              // harmless.
              LOG.debug("Group offset checkpoint failed for {}", committed, failure);
            }
          });
    }
  }

  @Override
  public void pause() {
    consumer.pause(consumer.assignment());
  }

  @Override
  public void resume() {
    consumer.resume(consumer.paused());
  }

  @Override
  public void rewind(Map<SourcePartition, Optional<SourcePosition>> positions) {
    Set<TopicPartition> owned = consumer.assignment();
    positions.forEach(
        (partition, position) -> {
          TopicPartition topicPartition = topicPartition(partition);
          if (!owned.contains(topicPartition)) {
            return;
          }
          if (position.isEmpty()) {
            consumer.seekToBeginning(List.of(topicPartition));
          } else {
            consumer.seek(topicPartition, position.get().offset() + 1);
          }
        });
  }

  @Override
  public void close() {
    consumer.close();
  }

  private static SourceRecord toSourceRecord(ConsumerRecord<byte[], byte[]> record) {
    Map<String, byte[]> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value());
    }
    return new SourceRecord(
        SourcePartition.kafka(record.topic(), record.partition()),
        record.offset(),
        record.timestamp(),
        record.key(),
        record.value(),
        headers);
  }

  private static TopicPartition topicPartition(SourcePartition partition) {
    return new TopicPartition(partition.stream(), Integer.parseInt(partition.partition()));
  }

  private static Set<SourcePartition> sourcePartitions(Collection<TopicPartition> partitions) {
    Set<SourcePartition> result = new HashSet<>();
    for (TopicPartition partition : partitions) {
      result.add(SourcePartition.kafka(partition.topic(), partition.partition()));
    }
    return result;
  }

  private final class RebalanceListener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<SourcePartition, Optional<SourcePosition>> handled =
          assignments.assigned(sourcePartitions(partitions));
      List<TopicPartition> fromStart = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        Optional<SourcePosition> position =
            handled.getOrDefault(
                SourcePartition.kafka(partition.topic(), partition.partition()), Optional.empty());
        if (position.isPresent()) {
          consumer.seek(partition, position.get().offset() + 1);
        } else {
          fromStart.add(partition);
        }
      }
      if (!fromStart.isEmpty()) {
        if (settings.startPosition() == KafkaSourceSettings.StartPosition.LATEST) {
          consumer.seekToEnd(fromStart);
        } else {
          consumer.seekToBeginning(fromStart);
        }
      }
      LOG.info("Assigned {}; resuming from table positions {}", partitions, handled);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        assignments.revoked(sourcePartitions(partitions));
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }
}
