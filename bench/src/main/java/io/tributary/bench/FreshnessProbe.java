package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long a record takes from production to visibility in a Trino query. A producer sends
 * events at a steady rate, event {@code n} to partition {@code n mod partitions} with {@code
 * order_id = n}, and remembers when it sent each. A prober asks Trino for the largest visible
 * {@code order_id} per source partition; since a partition's offsets commit in order, every event
 * of that partition up to that id is visible, and its delay is the time the query answered minus
 * the time it was sent.
 */
final class FreshnessProbe {
  private static final Logger LOG = LoggerFactory.getLogger(FreshnessProbe.class);
  private static final Duration POLL_PAUSE = Duration.ofMillis(200);

  record Result(
      int rate,
      Duration measured,
      long samples,
      double p50Seconds,
      double p99Seconds,
      double maxSeconds,
      long produced,
      long missing) {}

  private final StackEndpoints stack;
  private final TrinoQueries trino;

  FreshnessProbe(StackEndpoints stack, TrinoQueries trino) {
    this.stack = requireNonNull(stack, "stack is null");
    this.trino = requireNonNull(trino, "trino is null");
  }

  Result run(
      String topic, int partitions, String table, int rate, Duration warmUp, Duration measured)
      throws InterruptedException {
    long total = rate * (warmUp.toSeconds() + measured.toSeconds());
    long[] sentMillis = new long[Math.toIntExact(total)];
    AtomicLong sent = new AtomicLong();
    Thread producer =
        new Thread(() -> produce(topic, partitions, rate, sentMillis, sent), "freshness-producer");
    long measureFrom = System.currentTimeMillis() + warmUp.toMillis();
    producer.start();

    long[] nextUnseen = new long[partitions];
    for (int partition = 0; partition < partitions; partition++) {
      nextUnseen[partition] = partition;
    }
    long[] delays = new long[sentMillis.length];
    int samples = 0;
    long drainDeadline = Long.MAX_VALUE;
    while (true) {
      long lowest = Arrays.stream(nextUnseen).min().orElseThrow();
      if (lowest >= total) {
        break;
      }
      if (!producer.isAlive() && drainDeadline == Long.MAX_VALUE) {
        drainDeadline = System.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
      }
      if (System.currentTimeMillis() > drainDeadline) {
        LOG.warn(
            "Freshness: events from order_id {} on were not visible two minutes later", lowest);
        break;
      }
      List<List<Object>> rows = visibleMaxima(table, lowest);
      long answeredAt = System.currentTimeMillis();
      for (List<Object> row : rows) {
        int partition = ((Number) row.get(0)).intValue();
        long visible = ((Number) row.get(1)).longValue();
        for (long id = nextUnseen[partition]; id <= visible; id += partitions) {
          long sentAt = sentMillis[(int) id];
          if (sentAt >= measureFrom) {
            delays[samples++] = answeredAt - sentAt;
          }
          nextUnseen[partition] = id + partitions;
        }
      }
      LockSupport.parkNanos(POLL_PAUSE.toNanos());
    }
    producer.join();
    long missing = 0;
    for (int partition = 0; partition < partitions; partition++) {
      missing += Math.max(0, (total - nextUnseen[partition] + partitions - 1) / partitions);
    }
    long[] sorted = Arrays.copyOf(delays, samples);
    Arrays.sort(sorted);
    return new Result(
        rate,
        measured,
        samples,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0,
        sent.get(),
        missing);
  }

  private List<List<Object>> visibleMaxima(String table, long lowest) {
    try {
      // The filter lets Trino skip every file whose order_id range lies below what was seen.
      return trino.rows(
          "SELECT _source.partition, max(order_id) FROM "
              + table
              + " WHERE order_id >= "
              + lowest
              + " GROUP BY 1");
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("does not exist")) {
        return List.of();
      }
      throw new IllegalStateException("freshness query failed on " + table, e);
    }
  }

  static double percentile(long[] sortedMillis, double quantile) {
    if (sortedMillis.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(quantile * sortedMillis.length) - 1;
    return sortedMillis[Math.max(0, index)] / 1000.0;
  }

  private void produce(String topic, int partitions, int rate, long[] sentMillis, AtomicLong sent) {
    EventGenerator generator = new EventGenerator(7, Instant.now());
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = BenchTopics.producer(stack.kafkaBootstrap())) {
      for (int id = 0; id < sentMillis.length; id++) {
        long due = start + id * 1_000_000_000L / rate;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        }
        ObjectNode event = generator.next();
        sentMillis[id] = System.currentTimeMillis();
        // Events happen as they are sent, so they land in today's partition like live traffic.
        event.put("event_time", Instant.ofEpochMilli(sentMillis[id]).toString());
        producer.send(
            new ProducerRecord<>(topic, id % partitions, null, EventGenerator.bytes(event)));
        sent.incrementAndGet();
      }
      producer.flush();
    }
  }
}
