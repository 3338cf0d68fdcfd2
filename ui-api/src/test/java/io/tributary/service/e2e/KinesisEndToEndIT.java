package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A Kinesis stream on the stack's emulator, read by the KCL with leases in DynamoDB Local, into an
 * Iceberg table queried through Trino: every record exactly once while the stream is resharded (a
 * split, then a merge) during ingestion, per-key order kept across parent and child shards, and bad
 * records in the dead-letter table with their shard id and sequence number.
 */
class KinesisEndToEndIT {
  private static final int KEYS = 20;
  private static final int PER_PHASE = 400;

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Streams streams = clients.streams();

  @Test
  void everyRecordExactlyOnceAcrossASplitAndAMerge() throws Exception {
    String stream = UniqueNames.of("kin");
    String schema = stream;
    String table = "iceberg." + schema + ".events";
    streams.create(stream, 2);

    List<Map.Entry<String, String>> first = records(0, PER_PHASE);
    first.add(Map.entry("bad-1", "{not json"));
    first.add(Map.entry("bad-2", "[1, 2, 3]"));
    streams.put(stream, first);

    String config =
        ServiceConfigs.kinesisPipeline(stack, streams, stream, schema + ".events", "app-" + stream);
    try (ServiceProcess service =
        ServiceProcess.start("kinesis-end-to-end", config, Streams.serviceEnvironment())
            .awaitStarted()) {
      awaitRows(table, PER_PHASE, Duration.ofMinutes(4));

      List<Shard> open = streams.openShards(stream);
      streams.split(stream, open.get(0));
      streams.put(stream, records(PER_PHASE, 2 * PER_PHASE));

      List<Shard> afterSplit = new ArrayList<>(streams.openShards(stream));
      afterSplit.sort(
          Comparator.comparing(shard -> new BigInteger(shard.hashKeyRange().startingHashKey())));
      streams.merge(stream, afterSplit.get(1), afterSplit.get(2));
      streams.put(stream, records(2 * PER_PHASE, 3 * PER_PHASE));

      awaitRows(table, 3 * PER_PHASE, Duration.ofMinutes(4));
      List<Object> totals =
          trino
              .query(
                  "SELECT count(*), count(DISTINCT id), count(DISTINCT (_source.shard_id,"
                      + " _source.sequence_number, _source.sub_sequence_number)),"
                      + " count(DISTINCT _source.shard_id) FROM "
                      + table)
              .get(0);
      assertThat(((Number) totals.get(0)).longValue()).isEqualTo(3 * PER_PHASE);
      assertThat(((Number) totals.get(1)).longValue()).isEqualTo(3 * PER_PHASE);
      assertThat(((Number) totals.get(2)).longValue()).isEqualTo(3 * PER_PHASE);
      assertThat(((Number) totals.get(3)).longValue())
          .as("rows from the parents, the split's children and the merged shard")
          .isGreaterThanOrEqualTo(4);
      assertPerKeyOrder(table);
      String metrics = service.get("/q/metrics").body();
      assertThat(metrics)
          .contains("tributary_kinesis_records_total{pipeline=\"e2e\"}")
          .contains("tributary_kinesis_bytes_total{pipeline=\"e2e\"}")
          .contains("tributary_kinesis_millis_behind_latest_milliseconds{pipeline=\"e2e\"}");

      await()
          .atMost(Duration.ofMinutes(1))
          .ignoreExceptions()
          .until(
              () ->
                  ((Number) trino.scalar("SELECT count(*) FROM " + table + "__dead_letter"))
                          .longValue()
                      == 2);
      List<List<Object>> deadLetters =
          trino.query(
              "SELECT _source.shard_id, _source.sequence_number, _source.partition_key,"
                  + " error_message FROM "
                  + table
                  + "__dead_letter");
      assertThat(deadLetters)
          .allSatisfy(
              row -> {
                assertThat((String) row.get(0)).startsWith("shardId-");
                assertThat((String) row.get(1)).matches("[0-9]{20,}");
                assertThat((String) row.get(2)).startsWith("bad-");
                assertThat((String) row.get(3))
                    .contains(stream + ":" + row.get(0) + "@" + row.get(1));
              });
    }
  }

  /**
   * Per key, ordering the rows by sequence number gives the order they were put in, across the
   * parent and child shards, and each shard's rows of a key come before the next shard's.
   */
  private void assertPerKeyOrder(String table) throws Exception {
    Map<String, List<List<Object>>> byKey = new HashMap<>();
    for (List<Object> row :
        trino.query("SELECT key, id, _source.sequence_number, _source.shard_id FROM " + table)) {
      byKey.computeIfAbsent((String) row.get(0), key -> new ArrayList<>()).add(row);
    }
    assertThat(byKey).hasSize(KEYS);
    byKey.forEach(
        (key, rows) -> {
          rows.sort(Comparator.comparing(row -> new BigInteger((String) row.get(2))));
          List<Long> ids = rows.stream().map(row -> ((Number) row.get(1)).longValue()).toList();
          assertThat(ids).as("ids of key %s in sequence-number order", key).isSorted();
        });
  }

  private void awaitRows(String table, long rows, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(() -> ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue() >= rows);
  }

  static List<Map.Entry<String, String>> records(int from, int to) {
    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (int id = from; id < to; id++) {
      String key = "key-" + (id % KEYS);
      records.add(
          Map.entry(
              key, "{\"id\": %d, \"key\": \"%s\", \"amount\": %d}".formatted(id, key, id * 3)));
    }
    return records;
  }
}
