package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Several routed tables partitioned on a user field (the README's {@code day(event_time)}); one
 * goes quiet for longer than the idle position advance while the other keeps receiving records and
 * has its schema changed by another engine. The busy table never waits for the quiet one, and every
 * record lands exactly once when the quiet one wakes up.
 */
class LivenessIT {
  // The pipeline records positions of an idle table after a minute; the quiet phase outlasts it.
  private static final Duration QUIET = Duration.ofSeconds(80);
  private static final int RECORDS_PER_SECOND = 40;

  @Test
  void aQuietTableNeverHoldsBackTheBusyOne() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Trino trino = clients.trino();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("liveness");
    String schema = topic;
    topics.create(topic, 3);
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                liveness:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    field: kind
                    rules:
                      - {equals: order, table: %s.orders}
                      - {equals: click, table: %s.clicks}
                  tables:
                    defaults:
                      partition-by: ["day(event_time)"]
                      event-time-field: event_time
                  commit:
                    interval: 1s
            """
                .formatted(stack.kafkaBootstrap(), topic, schema, schema);
    List<String> tables =
        List.of(
            "iceberg." + schema + ".orders",
            "iceberg." + schema + ".clicks",
            "iceberg." + schema + ".liveness__dead_letter");
    AtomicLong clicks = new AtomicLong();

    try (ServiceProcess service = ServiceProcess.start("liveness", config).awaitStarted();
        KafkaProducer<String, byte[]> producer = topics.producer()) {
      produce(topics, producer, topic, Duration.ofSeconds(10), true, clicks);
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  trino.tableExists(schema, "orders")
                      && trino.tableExists(schema, "clicks")
                      && count(trino, schema, "clicks") == clicks.get());

      // Orders go quiet; clicks keep coming, and another engine renames their _rescued_data away
      // (Hive Metastore refuses to drop a column that is not the last).
      long quietUntil = System.nanoTime() + QUIET.toNanos();
      boolean dropped = false;
      while (System.nanoTime() < quietUntil) {
        produce(topics, producer, topic, Duration.ofSeconds(10), false, clicks);
        if (!dropped) {
          // Trino does not retry a commit that loses the race with the pipeline's; a user would.
          await()
              .atMost(Duration.ofMinutes(1))
              .ignoreExceptions()
              .until(
                  () -> {
                    trino.execute(
                        "ALTER TABLE iceberg."
                            + schema
                            + ".clicks RENAME COLUMN _rescued_data TO rescued_before");
                    return true;
                  });
          dropped = true;
        }
      }
      // Past the idle advance, the clicks table is as fresh as ever and the pipeline healthy.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(trino, schema, "clicks") == clicks.get());
      String pipeline = service.get("/api/v1/pipelines/liveness").body();
      assertThat(pipeline).contains("\"state\":\"RUNNING\"").doesNotContain("RETRYING");

      // The quiet table wakes up.
      produce(topics, producer, topic, Duration.ofSeconds(5), true, clicks);
    }
    // A fresh service finds every position in the tables and adds nothing twice.
    try (ServiceProcess service = ServiceProcess.start("liveness-2", config).awaitStarted()) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  SourceCoverage.rowCount(trino, tables)
                      >= topics.endOffsets(topic).values().stream().mapToLong(l -> l).sum());
      SourceCoverage.assertExactlyOnce(trino, tables, Map.of(topic, topics.endOffsets(topic)));
      assertThat(
              trino.query("SHOW COLUMNS FROM iceberg." + schema + ".clicks").stream()
                  .map(row -> row.get(0)))
          .contains("_rescued_data");
    }
  }

  private static long count(Trino trino, String schema, String table) throws Exception {
    return ((Number) trino.scalar("SELECT count(*) FROM iceberg." + schema + "." + table))
        .longValue();
  }

  /** Produces for a while at a steady rate: clicks, and orders too when asked. */
  private static void produce(
      Topics topics,
      KafkaProducer<String, byte[]> producer,
      String topic,
      Duration duration,
      boolean withOrders,
      AtomicLong clicks)
      throws Exception {
    long records = duration.toSeconds() * RECORDS_PER_SECOND;
    for (long i = 0; i < records; i++) {
      boolean order = withOrders && i % 2 == 0;
      String value =
          "{\"kind\": \"%s\", \"id\": %d, \"event_time\": \"2026-11-2%dT10:00:00Z\"}"
              .formatted(order ? "order" : "click", i, i % 3);
      topics.produce(producer, topic, Long.toString(i), value.getBytes(StandardCharsets.UTF_8));
      if (!order) {
        clicks.incrementAndGet();
      }
      // Paced, so the quiet phase lasts as long as it says.
      LockSupport.parkNanos(1_000_000_000L / RECORDS_PER_SECOND);
    }
  }
}
