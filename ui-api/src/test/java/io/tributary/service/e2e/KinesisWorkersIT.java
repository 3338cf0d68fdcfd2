package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas alive at once as two KCL workers of one application, sharing the shards of one
 * stream through leases in DynamoDB: both take leases and commit rows, and every record is in the
 * table exactly once.
 */
class KinesisWorkersIT {
  private static final int SHARDS = 4;
  private static final int PER_ROUND = 200;
  private static final Logger LOG = LoggerFactory.getLogger(KinesisWorkersIT.class);

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Streams streams = clients.streams();

  @Test
  void twoWorkersShareTheShardsAndEveryRecordLandsOnce() throws Exception {
    String stream = UniqueNames.of("kinworkers");
    String schema = stream;
    String table = "iceberg." + schema + ".events";
    streams.create(stream, SHARDS);

    String config =
        ServiceConfigs.kinesisPipeline(stack, streams, stream, schema + ".events", "app-" + stream);
    try (ServiceProcess first =
            ServiceProcess.start("kinesis-workers-1", config, Streams.serviceEnvironment());
        ServiceProcess second =
            ServiceProcess.start("kinesis-workers-2", config, Streams.serviceEnvironment())) {
      first.awaitStarted(Duration.ofMinutes(4));
      second.awaitStarted(Duration.ofMinutes(4));
      // Records keep coming, a batch every few seconds, until both workers have taken leases and
      // committed rows of theirs, and a few more batches while both hold leases.
      AtomicInteger produced = new AtomicInteger();
      AtomicInteger afterBoth = new AtomicInteger();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(3))
          .until(
              () -> {
                int from = produced.getAndAdd(PER_ROUND);
                streams.put(stream, KinesisEndToEndIT.records(from, from + PER_ROUND));
                if (rowsCommitted(first) > 0 && rowsCommitted(second) > 0) {
                  return afterBoth.incrementAndGet() >= 3;
                }
                return false;
              });
      long firstRows = rowsCommitted(first);
      long secondRows = rowsCommitted(second);
      LOG.info(
          "Kinesis workers: {} records; rows committed {} and {}",
          produced.get(),
          firstRows,
          secondRows);
      assertThat(firstRows).as("rows committed by the first worker").isPositive();
      assertThat(secondRows).as("rows committed by the second worker").isPositive();

      int expected = produced.get();
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(() -> count(table) >= expected);
      List<Object> totals =
          trino
              .query(
                  "SELECT count(*), count(DISTINCT id), count(DISTINCT (_source.shard_id,"
                      + " _source.sequence_number)), count(DISTINCT _source.shard_id) FROM "
                      + table)
              .get(0);
      assertThat(((Number) totals.get(0)).longValue()).isEqualTo(expected);
      assertThat(((Number) totals.get(1)).longValue()).isEqualTo(expected);
      assertThat(((Number) totals.get(2)).longValue()).isEqualTo(expected);
      assertThat(((Number) totals.get(3)).longValue()).isEqualTo(SHARDS);
    }
  }

  private long count(String table) throws Exception {
    return ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue();
  }

  private static long rowsCommitted(ServiceProcess service) throws Exception {
    Matcher matcher =
        Pattern.compile("\"rowsCommitted\":(\\d+)")
            .matcher(service.get("/api/v1/pipelines/e2e").body());
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }
}
