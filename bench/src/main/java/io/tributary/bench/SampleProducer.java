package io.tributary.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces sample order events to a topic at a steady rate for a while, creating the topic if
 * needed. Prints the number of records produced on its last line, for scripts.
 *
 * <p>Usage: {@code SampleProducer <bootstrap> <topic> <partitions> <records-per-second> <seconds>}
 */
public final class SampleProducer {
  private static final Logger LOG = LoggerFactory.getLogger(SampleProducer.class);

  private SampleProducer() {}

  // The count goes to standard output, for scripts; logs go to standard error.
  @SuppressWarnings("checkstyle:regexp")
  public static void main(String[] args) throws Exception {
    if (args.length != 5 && !(args.length == 6 && List.of("json", "avro").contains(args[5]))) {
      throw new IllegalArgumentException(
          "usage: SampleProducer <bootstrap> <topic> <partitions> <records-per-second> <seconds>"
              + " [json|avro]");
    }
    // Avro values are plain binary in AvroEvents.SCHEMA (format: avro with that fixed schema).
    Function<ObjectNode, byte[]> encoding =
        args.length == 6 && args[5].equals("avro") ? AvroEvents::plain : EventGenerator::bytes;
    String bootstrap = args[0];
    String topic = args[1];
    int partitions = Integer.parseInt(args[2]);
    int rate = Integer.parseInt(args[3]);
    Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
    BenchTopics.createIfAbsent(bootstrap, topic, partitions);
    long produced = produce(bootstrap, topic, rate, duration, encoding);
    LOG.info("Produced {} records to {}", produced, topic);
    System.out.println(produced);
  }

  static long produce(
      String bootstrap,
      String topic,
      int rate,
      Duration duration,
      Function<ObjectNode, byte[]> encoding) {
    EventGenerator generator = new EventGenerator(42, Instant.now());
    long total = rate * duration.toSeconds();
    long startNanos = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = BenchTopics.producer(bootstrap)) {
      for (long sent = 0; sent < total; sent++) {
        ObjectNode event = generator.next();
        String key = event.get("customer").get("customer_id").asText();
        producer.send(new ProducerRecord<>(topic, key, encoding.apply(event)));
        long dueNanos = startNanos + sent * 1_000_000_000L / rate;
        long aheadNanos = dueNanos - System.nanoTime();
        if (aheadNanos > 1_000_000) {
          LockSupport.parkNanos(aheadNanos);
        }
        if (sent > 0 && sent % (rate * 10L) == 0) {
          LOG.info("Produced {} of {} records", sent, total);
        }
      }
      producer.flush();
    }
    return total;
  }
}
