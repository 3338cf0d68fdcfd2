package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Compaction beside a writer committing every second: at every checkpoint Trino sees exactly the
 * rows produced so far, and at the end the small files are merged.
 */
class CompactionIT {
  private static final int BURSTS = 8;
  private static final int RECORDS_PER_BURST = 2_000;

  @Test
  void compactionNeverLosesOrDoublesARowWhileTheWriterCommits() throws Exception {
    StackClients clients = StackClients.shared();
    String topic = UniqueNames.of("compact");
    String schema = topic;
    String table = "iceberg." + schema + ".events";
    clients.topics().create(topic, 2);
    String config =
        ServiceConfigs.catalog(clients.stack(), clients.stack().metastoreUri())
            + """
              maintenance:
                interval: 2s
                hot-partition-max-small-files: 3
                cold-after: 5s
              pipelines:
                compact:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
                  tables:
                    defaults:
                      partition-by: ["region"]
                  commit:
                    interval: 1s
            """
                .formatted(clients.stack().kafkaBootstrap(), topic, schema);
    Trino trino = clients.trino();
    try (ServiceProcess service = ServiceProcess.start("compaction", config).awaitStarted();
        KafkaProducer<String, byte[]> producer = clients.topics().producer()) {
      long produced = 0;
      long idSum = 0;
      for (int burst = 0; burst < BURSTS; burst++) {
        for (int i = 0; i < RECORDS_PER_BURST; i++) {
          long id = produced++;
          idSum += id;
          String json = "{\"id\": %d, \"region\": \"%s\"}".formatted(id, id % 2 == 0 ? "eu" : "us");
          producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        long expected = produced;
        long expectedSum = idSum;
        // Every checkpoint sees exactly what was produced: never more, never fewer once caught up.
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> trino.tableExists(schema, "events") && count(trino, table) >= expected);
        List<Object> totals = trino.query("SELECT count(*), sum(id) FROM " + table).get(0);
        assertThat(((Number) totals.get(0)).longValue()).isEqualTo(expected);
        assertThat(((Number) totals.get(1)).longValue()).isEqualTo(expectedSum);
      }

      // Both partitions turn cold and end as one file each.
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> count(trino, "iceberg." + schema + ".\"events$files\"") == 2);
      assertThat(count(trino, table)).isEqualTo(produced);
      assertThat(service.get("/api/v1/tables/" + schema + ".events/maintenance").body())
          .contains("\"compactionsCommitted\":")
          .doesNotContain("\"compactionsCommitted\":0,");
    }
  }

  private static long count(Trino trino, String table) throws Exception {
    return ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue();
  }
}
