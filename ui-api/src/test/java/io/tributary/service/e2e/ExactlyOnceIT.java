package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant I1 under crashes: records from two topics, routed to three tables and the dead-letter
 * table, while the service is killed with SIGKILL again and again, some of the kills landing while
 * a commit is in flight, and while compaction and snapshot expiry run as often as they can. Every
 * produced offset must be in exactly one table, once.
 */
class ExactlyOnceIT {
  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceIT.class);
  private static final int RECORDS = Integer.getInteger("tributary.e2e.crash-records", 1_000_000);
  private static final int KILLS = 6;
  private static final List<String> KINDS =
      List.of("order", "order", "payment", "shipment", "order", "payment", "shipping", "refund");

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Topics topics = clients.topics();

  @Test
  void everyRecordLandsExactlyOnceAcrossRepeatedKills() throws Exception {
    String schema = UniqueNames.of("eo");
    List<String> topicNames = List.of(schema + "_a", schema + "_b");
    for (String topic : topicNames) {
      topics.create(topic, 3);
    }
    List<String> tables =
        List.of("orders", "payments", "shipments", "test__dead_letter").stream()
            .map(table -> "iceberg." + schema + "." + table)
            .toList();
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              maintenance:
                interval: 3s
                hot-partition-max-small-files: 4
                cold-after: 10s
                snapshot-max-age: 10s
                min-snapshots: 2
              pipelines:
                test:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s, %s]
                      properties:
                        session.timeout.ms: "6000"
                        heartbeat.interval.ms: "1000"
                  route:
                    namespace: %s
                    field: kind
                    rules:
                      - {equals: order, table: %s.orders}
                      - {equals: payment, table: %s.payments}
                      - {matches: "ship.*", table: %s.shipments}
                  commit:
                    interval: 1s
            """
                .formatted(
                    stack.kafkaBootstrap(),
                    topicNames.get(0),
                    topicNames.get(1),
                    schema,
                    schema,
                    schema,
                    schema);

    CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(topicNames));
    SplittableRandom random = new SplittableRandom(17);
    ServiceProcess service = ServiceProcess.start("exactly-once", config).awaitStarted();
    try {
      for (int kill = 1; kill <= KILLS; kill++) {
        long logSize = service.logSize();
        if (kill % 2 == 0) {
          // Right after a commit starts: the metastore call is in flight when the process dies.
          service.awaitLogLine("Committing", logSize, Duration.ofMinutes(2));
        } else {
          service.awaitLogLine("Committed", logSize, Duration.ofMinutes(2));
          long more = service.logSize();
          service.awaitLogLine(
              random.nextBoolean() ? "Committed" : "Committing", more, Duration.ofMinutes(2));
        }
        service.kill();
        LOG.info("Killed the service ({} of {})", kill, KILLS);
        service = ServiceProcess.start("exactly-once", config).awaitStarted();
      }
      producing.get();
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(3))
          .until(() -> allTablesExist(schema) && SourceCoverage.rowCount(trino, tables) >= RECORDS);

      SourceCoverage.assertExactlyOnce(
          trino,
          tables,
          Map.of(
              topicNames.get(0), topics.endOffsets(topicNames.get(0)),
              topicNames.get(1), topics.endOffsets(topicNames.get(1))));
      assertThat(trino.scalar("SELECT count(*) FROM iceberg." + schema + ".test__dead_letter"))
          .as("refunds match no route and malformed records cannot be decoded")
          .isEqualTo((long) deadLetterCount());
    } finally {
      service.close();
    }
  }

  private boolean allTablesExist(String schema) throws Exception {
    for (String table : List.of("orders", "payments", "shipments", "test__dead_letter")) {
      if (!trino.tableExists(schema, table)) {
        return false;
      }
    }
    return true;
  }

  private static int deadLetterCount() {
    int count = 0;
    for (int id = 0; id < RECORDS; id++) {
      if (isMalformed(id) || KINDS.get(id % KINDS.size()).equals("refund")) {
        count++;
      }
    }
    return count;
  }

  private static boolean isMalformed(int id) {
    return id % 997 == 0;
  }

  private void produce(List<String> topicNames) {
    try (KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int id = 0; id < RECORDS; id++) {
        String json =
            isMalformed(id)
                ? "{\"kind\": \"order\", \"id\": " + id
                : "{\"kind\": \"%s\", \"id\": %d, \"amount\": %d.%02d, \"note\": \"n%d\"}"
                    .formatted(KINDS.get(id % KINDS.size()), id, id % 1000, id % 100, id % 37);
        producer.send(
            new ProducerRecord<>(
                topicNames.get(id % 2),
                Integer.toString(id),
                json.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }
}
