package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL during Kinesis ingestion, then a restart with a new KCL worker: the dead worker's leases
 * expire and move, its KCL checkpoints lag the tables, and the table positions make the new worker
 * skip what is already committed. Every record is in the table exactly once.
 */
class KinesisCrashIT {
  private static final int RECORDS = 3_000;

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Streams streams = clients.streams();

  @Test
  void everyRecordExactlyOnceAfterAKill() throws Exception {
    String stream = UniqueNames.of("kincrash");
    String schema = stream;
    String table = "iceberg." + schema + ".events";
    streams.create(stream, 3);
    streams.put(stream, KinesisEndToEndIT.records(0, RECORDS / 2));

    String config =
        ServiceConfigs.kinesisPipeline(stack, streams, stream, schema + ".events", "app-" + stream);
    try (ServiceProcess first =
        ServiceProcess.start("kinesis-crash-1", config, Streams.serviceEnvironment())
            .awaitStarted()) {
      long before = first.logSize();
      // Killed right after a commit of rows, with more read and buffered behind it.
      first.awaitLogLine("Committed ", before, Duration.ofMinutes(4));
      streams.put(stream, KinesisEndToEndIT.records(RECORDS / 2, RECORDS));
      first.kill();
    }
    long committedBeforeKill = count(table);
    assertThat(committedBeforeKill).isPositive();

    try (ServiceProcess second =
        ServiceProcess.start("kinesis-crash-2", config, Streams.serviceEnvironment())
            .awaitStarted()) {
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(() -> count(table) >= RECORDS);
      List<Object> totals =
          trino
              .query(
                  "SELECT count(*), count(DISTINCT id), count(DISTINCT (_source.shard_id,"
                      + " _source.sequence_number)) FROM "
                      + table)
              .get(0);
      assertThat(((Number) totals.get(0)).longValue()).isEqualTo(RECORDS);
      assertThat(((Number) totals.get(1)).longValue()).isEqualTo(RECORDS);
      assertThat(((Number) totals.get(2)).longValue()).isEqualTo(RECORDS);
    }
  }

  private long count(String table) throws Exception {
    return ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue();
  }
}
