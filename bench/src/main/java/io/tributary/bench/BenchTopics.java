package io.tributary.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Creates the benchmark's topics and fills them with the generator's events. */
final class BenchTopics {
  private BenchTopics() {}

  /** Creates a topic and waits until every partition's leader answers. */
  static void create(String bootstrap, String topic, int partitions)
      throws InterruptedException, ExecutionException {
    create(bootstrap, topic, partitions, false);
  }

  /** Creates a topic unless it exists, then waits until every partition's leader answers. */
  static void createIfAbsent(String bootstrap, String topic, int partitions)
      throws InterruptedException, ExecutionException {
    create(bootstrap, topic, partitions, true);
  }

  private static void create(String bootstrap, String topic, int partitions, boolean mayExist)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!mayExist || !(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      int existing =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      awaitLeaders(admin, topic, existing);
    }
  }

  /**
   * The controller acknowledges a new topic before the broker hosts its partitions. An idempotent
   * producer that writes in that gap can have its first batch refused while later ones land, and
   * then retries that batch out of order until it expires; so writers wait for the leaders.
   */
  private static void awaitLeaders(Admin admin, String topic, int partitions)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    while (true) {
      try {
        admin.listOffsets(request).all().get();
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    }
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(properties);
  }

  /**
   * Produces {@code records} events as fast as the broker takes them, keyed by customer, and
   * returns the bytes of their values.
   */
  static long preload(String bootstrap, String topic, long records, Instant start) {
    return preload(bootstrap, topic, records, new EventGenerator(42, start));
  }

  static long preload(String bootstrap, String topic, long records, EventGenerator generator) {
    AtomicLong failures = new AtomicLong();
    long bytes = 0;
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (long sent = 0; sent < records; sent++) {
        ObjectNode event = generator.next();
        byte[] value = EventGenerator.bytes(event);
        bytes += value.length;
        String key = event.get("customer").get("customer_id").asText();
        producer.send(
            new ProducerRecord<>(topic, key, value),
            (metadata, exception) -> {
              if (exception != null) {
                failures.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " records failed to reach " + topic);
    }
    return bytes;
  }

  /**
   * Produces events at a steady rate for a while, event {@code n} to partition {@code n mod
   * partitions}, each happening as it is sent; returns how many were sent.
   */
  static long produceSteady(
      String bootstrap, String topic, int partitions, int rate, Duration duration) {
    EventGenerator generator = new EventGenerator(11, Instant.now());
    long total = rate * duration.toSeconds();
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (long id = 0; id < total; id++) {
        long ahead = start + id * 1_000_000_000L / rate - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        }
        ObjectNode event = generator.next();
        event.put("event_time", Instant.now().toString());
        producer.send(
            new ProducerRecord<>(
                topic, (int) (id % partitions), null, EventGenerator.bytes(event)));
      }
      producer.flush();
    }
    return total;
  }
}
