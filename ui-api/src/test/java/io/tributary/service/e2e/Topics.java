package io.tributary.service.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics of the shared broker; each test makes its own, with a unique name. */
final class Topics {
  private final String bootstrap;

  Topics(LocalStack stack) {
    this.bootstrap = stack.kafkaBootstrap();
  }

  /**
   * Creates the topic and waits until the broker leads every partition. The controller acknowledges
   * a new topic before that; an idempotent producer writing in the gap can have its first batch
   * refused while later ones land, and then retries that batch out of order until it expires.
   */
  void create(String topic, int partitions) throws InterruptedException, ExecutionException {
    create(topic, partitions, Map.of());
  }

  /** With topic configs, such as {@code max.message.bytes} for records over a megabyte. */
  void create(String topic, int partitions, Map<String, String> configs)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all()
          .get();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int partition = 0; partition < partitions; partition++) {
        request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
      }
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> admin.listOffsets(request).all().get().size() == partitions);
    }
  }

  /** The end offset of every partition of the topic, by partition number. */
  Map<Integer, Long> endOffsets(String topic) throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int partition = 0; partition < partitions; partition++) {
        request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
      }
      Map<Integer, Long> offsets = new TreeMap<>();
      admin
          .listOffsets(request)
          .all()
          .get()
          .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
      return offsets;
    }
  }

  KafkaProducer<String, byte[]> producer() {
    return producer(Map.of());
  }

  /** With producer settings of a test's own, such as {@code max.request.size}. */
  KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    // A stuck send fails the test in a minute instead of retrying for the whole CI budget.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    properties.putAll(settings);
    return new KafkaProducer<>(properties);
  }

  /**
   * Produces records {@code 0..count-1} keyed by their number, at a steady rate, so consumers keep
   * receiving data for a while; returns once all are acknowledged.
   */
  void produceSteadily(String topic, int count, int perSecond, IntFunction<byte[]> value) {
    long start = System.nanoTime();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int id = 0; id < count; id++) {
        long ahead = start + id * 1_000_000_000L / perSecond - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        }
        producer.send(
            new ProducerRecord<>(topic, Integer.toString(id), value.apply(id)),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing to " + topic + " failed", failure.get());
    }
  }

  void produce(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
      throws InterruptedException, ExecutionException {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }
}
