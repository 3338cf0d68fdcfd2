package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Minutes of ingestion with a commit every second while compaction runs beside it. The records of
 * one Kafka partition arrive in id order, so whatever a query sees must be exactly the ids {@code
 * 0..max}: at every checkpoint the count, the distinct count and the sum prove that no row is
 * missing or doubled. At the end every cold partition holds at most {@code ceil(bytes / target) +
 * 1} files, the partition still being written at most the hot bound of small files, and every file
 * the table references exists. {@code -Dtributary.soak.minutes=N} runs longer (default 3).
 */
class CompactionSoakIT {
  private static final Logger LOG = Logger.getLogger(CompactionSoakIT.class);
  private static final int RATE = 400;
  // Event-time slots of 30 s of records: one table partition is hot at a time and the older ones
  // turn cold one after another while ingestion goes on.
  private static final int RECORDS_PER_SLOT = RATE * 30;
  private static final long TARGET_BYTES = 1 << 20;
  private static final long SMALL_BYTES = TARGET_BYTES * 3 / 4;
  private static final int HOT_BOUND = 4;
  private static final Duration COLD_AFTER = Duration.ofSeconds(25);

  @Test
  void minutesOfOneSecondCommitsStayExactAndEndCompacted() throws Exception {
    int minutes = Integer.getInteger("tributary.soak.minutes", 3);
    int records = minutes * 60 * RATE;
    StackClients clients = StackClients.shared();
    String topic = UniqueNames.of("soak");
    String schema = topic;
    String table = "iceberg." + schema + ".events";
    String files = "iceberg." + schema + ".\"events$files\"";
    clients.topics().create(topic, 1);
    String config =
        ServiceConfigs.catalog(clients.stack(), clients.stack().metastoreUri())
            + """
              maintenance:
                interval: 2s
                target-file-size: 1MB
                hot-partition-max-small-files: %d
                cold-after: %ds
                orphan-safety-age: 1m
                orphan-sweep-interval: 30s
              pipelines:
                soak:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
                  tables:
                    defaults:
                      partition-by: ["slot"]
                  commit:
                    interval: 1s
            """
                .formatted(
                    HOT_BOUND,
                    COLD_AFTER.toSeconds(),
                    clients.stack().kafkaBootstrap(),
                    topic,
                    schema);
    Trino trino = clients.trino();
    try (ServiceProcess service = ServiceProcess.start("compaction-soak", config).awaitStarted()) {
      CompletableFuture<Void> producing =
          CompletableFuture.runAsync(
              () ->
                  clients.topics().produceSteadily(topic, records, RATE, CompactionSoakIT::event));
      await().atMost(Duration.ofMinutes(1)).until(() -> trino.tableExists(schema, "events"));

      long lastSeen = 0;
      int checkpoints = 0;
      int maxHotSmallFiles = 0;
      while (!producing.isDone()) {
        lastSeen = checkExactPrefix(trino, table, lastSeen);
        maxHotSmallFiles = Math.max(maxHotSmallFiles, hotSmallFiles(trino, files));
        checkpoints++;
        try {
          producing.get(3, TimeUnit.SECONDS);
        } catch (TimeoutException stillProducing) {
          // next checkpoint
        }
      }
      producing.join();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> checkExactPrefix(trino, table, 0) == records);
      long caughtUp = System.nanoTime();

      // The partition still being written: at most the bound of small files once maintenance ran,
      // checked before it turns cold and is compacted completely.
      await()
          .atMost(COLD_AFTER.minusSeconds(5))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> hotSmallFiles(trino, files) <= HOT_BOUND);
      assertThat(Duration.ofNanos(System.nanoTime() - caughtUp)).isLessThan(COLD_AFTER);

      // Every partition turns cold and ends with as few files as its bytes need, plus one.
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(() -> assertCompacted(trino, files));
      assertThat(checkExactPrefix(trino, table, 0)).isEqualTo(records);
      assertThat(checkpoints).isGreaterThan(minutes * 10);
      try (ObjectStore store = new ObjectStore(clients.stack())) {
        for (List<Object> row : trino.query("SELECT file_path FROM " + files)) {
          assertThat(store.size(URI.create((String) row.get(0)))).isPositive();
        }
      }
      LOG.infof(
          "soak: %d records, %d checkpoints, at most %d small files in the hot partition%n",
          records, checkpoints, maxHotSmallFiles);
    }
  }

  /**
   * Checks that the table holds exactly the ids {@code 0..n-1} for some n at least the last one
   * seen, and returns n.
   */
  private static long checkExactPrefix(Trino trino, String table, long atLeast) throws Exception {
    List<Object> row =
        trino
            .query(
                "SELECT count(*), count(DISTINCT id), coalesce(max(id), -1), sum(id) FROM " + table)
            .get(0);
    long count = ((Number) row.get(0)).longValue();
    assertThat(((Number) row.get(1)).longValue()).as("distinct ids").isEqualTo(count);
    assertThat(((Number) row.get(2)).longValue()).as("max id").isEqualTo(count - 1);
    long sum = row.get(3) == null ? 0 : ((Number) row.get(3)).longValue();
    assertThat(sum).as("sum of ids").isEqualTo(count * (count - 1) / 2);
    assertThat(count).as("rows never go back").isGreaterThanOrEqualTo(atLeast);
    return count;
  }

  private static int hotSmallFiles(Trino trino, String files) throws Exception {
    List<List<Object>> rows =
        trino.query(
            "SELECT count_if(file_size_in_bytes < %d) FROM %s WHERE partition.slot = (SELECT max(partition.slot) FROM %s)"
                .formatted(SMALL_BYTES, files, files));
    return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).intValue();
  }

  private static void assertCompacted(Trino trino, String files) throws Exception {
    List<List<Object>> partitions =
        trino.query(
            "SELECT partition.slot, count(*), sum(file_size_in_bytes) FROM "
                + files
                + " GROUP BY 1");
    assertThat(partitions).hasSizeGreaterThan(1);
    for (List<Object> partition : partitions) {
      long fileCount = ((Number) partition.get(1)).longValue();
      long bytes = ((Number) partition.get(2)).longValue();
      long bound = (bytes + TARGET_BYTES - 1) / TARGET_BYTES + 1;
      assertThat(fileCount)
          .as("files of slot %s (%d bytes)", partition.get(0), bytes)
          .isLessThanOrEqualTo(bound);
    }
  }

  /** About 700 bytes, with a payload that compresses as poorly as real data. */
  private static byte[] event(int id) {
    byte[] payload = new byte[300];
    new Random(id).nextBytes(payload);
    String json =
        "{\"id\": %d, \"slot\": %d, \"payload\": \"%s\"}"
            .formatted(id, id / RECORDS_PER_SLOT, HexFormat.of().formatHex(payload));
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
