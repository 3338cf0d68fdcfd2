package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.DEAD_LETTERS;
import static io.tributary.ingest.PipelineHarness.NAMESPACE;
import static io.tributary.ingest.PipelineHarness.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class TestPipeline {
  private static final TableIdentifier ORDERS = TableIdentifier.of(NAMESPACE, "orders");
  private static final SourcePartition P0 = SourcePartition.kafka("orders", 0);
  private static final SourcePartition P1 = SourcePartition.kafka("orders", 1);

  private final PipelineHarness harness = new PipelineHarness();
  private final PipelineSettings toOrders = harness.settings(RouteSettings.toTable(ORDERS));

  @Test
  void commitsEveryRecordOnceWithItsPositions() throws Exception {
    harness.runUntil(toOrders, orders(120), () -> harness.coordinates(ORDERS).size() >= 240);

    assertThat(harness.coordinates(ORDERS)).hasSize(240).doesNotHaveDuplicates();
    assertThat(
            SourcePositions.committed(
                harness.catalog().catalog().loadTable(ORDERS), List.of(P0, P1)))
        .containsEntry(P0, SourcePosition.offset(119))
        .containsEntry(P1, SourcePosition.offset(119));
  }

  @Test
  void restartResumesFromTheTablePositionsWithoutDuplicates() throws Exception {
    harness.runUntil(toOrders, orders(100), () -> harness.coordinates(ORDERS).size() >= 200);

    // The same logs again, as after a crash that lost the consumer group's offsets, plus new data.
    harness.runUntil(toOrders, orders(150), () -> harness.coordinates(ORDERS).size() >= 300);

    assertThat(harness.coordinates(ORDERS)).hasSize(300).doesNotHaveDuplicates();
  }

  @Test
  void badRecordsGoToTheDeadLetterTableAndGoodOnesStillLand() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(
        P0,
        List.of(
            record(P0, 0, "{\"id\": 0}"),
            record(P0, 1, "{not json"),
            record(P0, 2, "[1, 2]"),
            record(P0, 3, "{\"id\": 3}"),
            new SourceRecord(P0, 4, 0L, null, new byte[] {(byte) 0xC3, 0x28}, Map.of()),
            new SourceRecord(P0, 5, 0L, null, null, Map.of())));

    harness.runUntil(toOrders, logs, () -> harness.coordinates(DEAD_LETTERS).size() >= 4);

    assertThat(harness.coordinates(ORDERS)).containsExactlyInAnyOrder("orders:0@0", "orders:0@3");
    assertThat(harness.coordinates(DEAD_LETTERS))
        .containsExactlyInAnyOrder("orders:0@1", "orders:0@2", "orders:0@4", "orders:0@5");
    assertThat(harness.rows(DEAD_LETTERS))
        .extracting(row -> (String) row.getField("error_message"))
        .anySatisfy(
            message -> assertThat(message).startsWith("record orders:0@1 is not valid JSON"))
        .anySatisfy(
            message ->
                assertThat(message)
                    .isEqualTo("record orders:0@2 is array JSON, expected an object"))
        .anySatisfy(
            message -> assertThat(message).startsWith("record orders:0@4 is not valid JSON"))
        .anySatisfy(
            message -> assertThat(message).isEqualTo("record orders:0@5 has no value (tombstone)"));
  }

  @Test
  void valuesThatDoNotFitAreRescuedNotLost() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(P0, List.of(record(P0, 0, "{\"amount\": 2}")));
    harness.runUntil(toOrders, logs, () -> harness.coordinates(ORDERS).size() >= 1);

    logs.put(P0, List.of(record(P0, 0, "{\"amount\": 2}"), record(P0, 1, "{\"amount\": 2.5}")));
    harness.runUntil(toOrders, logs, () -> harness.coordinates(ORDERS).size() >= 2);

    Record rescued =
        harness.rows(ORDERS).stream()
            .filter(row -> ((Record) row.getField("_source")).getField("offset").equals(1L))
            .findFirst()
            .orElseThrow();
    assertThat(rescued.getField("amount")).isNull();
    assertThat(rescued.getField("_rescued_data")).isEqualTo("{\"amount\":2.5}");
  }

  @Test
  void newFieldsInsideListsOfObjectsBecomeColumns() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(P0, List.of(record(P0, 0, "{\"items\": [{\"sku\": \"a\"}]}")));
    harness.runUntil(toOrders, logs, () -> harness.coordinates(ORDERS).size() >= 1);

    logs.put(
        P0,
        List.of(
            record(P0, 0, "{\"items\": [{\"sku\": \"a\"}]}"),
            record(P0, 1, "{\"items\": [{\"sku\": \"b\", \"qty\": 2}]}")));
    harness.runUntil(toOrders, logs, () -> harness.coordinates(ORDERS).size() >= 2);

    Record second =
        harness.rows(ORDERS).stream()
            .filter(row -> ((Record) row.getField("_source")).getField("offset").equals(1L))
            .findFirst()
            .orElseThrow();
    assertThat(second.getField("_rescued_data")).isNull();
    assertThat(((Record) ((List<?>) second.getField("items")).get(0)).getField("qty"))
        .isEqualTo(2L);
  }

  @Test
  void aStaleWriterIsRefusedByTheTablePositions() throws Exception {
    harness.runUntil(toOrders, orders(10), () -> harness.coordinates(ORDERS).size() >= 20);
    Table table = harness.catalog().catalog().loadTable(ORDERS);

    PositionGuard staleGuard = new PositionGuard(Map.of(P0, Optional.of(SourcePosition.offset(3))));

    assertThat(staleGuard.validate(table.snapshots())).isFalse();
    assertThat(staleGuard.errorMessage()).contains("orders:0 is 9 but this writer expected 3");
  }

  @Test
  void routesByFieldToSeveralTablesAndUnmatchedRecordsToDeadLetters() throws Exception {
    PipelineSettings settings = harness.settings(byKind());
    Map<SourcePartition, List<SourceRecord>> logs = events(60);

    harness.runUntil(settings, logs, () -> harness.allCoordinates().size() >= 120);

    assertThat(harness.coordinates(TableIdentifier.of(NAMESPACE, "orders"))).hasSize(40);
    assertThat(harness.coordinates(TableIdentifier.of(NAMESPACE, "payments"))).hasSize(40);
    assertThat(harness.rows(DEAD_LETTERS))
        .hasSize(40)
        .extracting(row -> (String) row.getField("error_message"))
        .allSatisfy(
            message ->
                assertThat(message)
                    .containsAnyOf(
                        "matches no route for kind='refund'",
                        "has no scalar value in route field 'kind'"));
  }

  @Test
  void routesEachTopicToItsOwnTable() throws Exception {
    SourcePartition clicks = SourcePartition.kafka("Web.Clicks", 0);
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(P0, List.of(record(P0, 0, "{\"id\": 1}")));
    logs.put(
        clicks,
        List.of(record(clicks, 0, "{\"url\": \"/\"}"), record(clicks, 1, "{\"url\": \"/a\"}")));

    harness.runUntil(
        harness.settings(RouteSettings.perTopic(NAMESPACE)),
        logs,
        () -> harness.allCoordinates().size() >= 3);

    assertThat(harness.coordinates(TableIdentifier.of(NAMESPACE, "orders")))
        .containsExactly("orders:0@0");
    assertThat(harness.coordinates(TableIdentifier.of(NAMESPACE, "web_clicks")))
        .containsExactlyInAnyOrder("Web.Clicks:0@0", "Web.Clicks:0@1");
  }

  @Test
  void aCommitThatTimesOutAfterLandingIsNotDuplicated() throws Exception {
    FaultyCatalog flaky =
        new FaultyCatalog(
            harness.catalog(),
            (table, commit) ->
                commit == 1 ? FaultyCatalog.Fault.LAND_THEN_UNKNOWN : FaultyCatalog.Fault.NONE);
    harness.runUntil(toOrders, orders(10), () -> harness.coordinates(ORDERS).size() >= 20);

    harness.runUntil(toOrders, flaky, orders(50), () -> harness.coordinates(ORDERS).size() >= 100);

    assertThat(harness.coordinates(ORDERS)).hasSize(100).doesNotHaveDuplicates();
  }

  @Test
  void aRefusedCommitIsRetriedUntilItLands() throws Exception {
    FaultyCatalog flaky =
        new FaultyCatalog(
            harness.catalog(),
            (table, commit) ->
                commit <= 2 ? FaultyCatalog.Fault.FAIL_BEFORE : FaultyCatalog.Fault.NONE);
    harness.runUntil(toOrders, orders(10), () -> harness.coordinates(ORDERS).size() >= 20);

    harness.runUntil(toOrders, flaky, orders(30), () -> harness.coordinates(ORDERS).size() >= 60);

    assertThat(harness.coordinates(ORDERS)).hasSize(60).doesNotHaveDuplicates();
  }

  @Test
  void crashesAtAnyCommitNeitherLoseNorDuplicateRecords() throws Exception {
    PipelineSettings settings = harness.settings(byKind());
    Map<SourcePartition, List<SourceRecord>> logs = events(150);
    SplittableRandom random = new SplittableRandom(7);
    int crashes = 0;
    for (int run = 1; run <= 12; run++) {
      // The logs grow between runs, so every run has new records to commit.
      Map<SourcePartition, List<SourceRecord>> grown = prefix(logs, run * 12);
      int crashAt = random.nextInt(1, 5);
      FaultyCatalog.Fault fault =
          random.nextBoolean() ? FaultyCatalog.Fault.CRASH_BEFORE : FaultyCatalog.Fault.CRASH_AFTER;
      FaultyCatalog crashing =
          new FaultyCatalog(
              harness.catalog(),
              (table, commit) -> commit == crashAt ? fault : FaultyCatalog.Fault.NONE);
      int expected = run * 12 * logs.size();
      if (harness.runUntil(
          settings, crashing, grown, () -> harness.allCoordinates().size() >= expected)) {
        crashes++;
      }
    }
    harness.runUntil(settings, logs, () -> harness.allCoordinates().size() >= 300);

    List<String> expected = new ArrayList<>();
    logs.values().forEach(log -> log.forEach(record -> expected.add(record.coordinates())));
    assertThat(crashes).isGreaterThanOrEqualTo(5);
    assertThat(harness.allCoordinates()).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static Map<SourcePartition, List<SourceRecord>> prefix(
      Map<SourcePartition, List<SourceRecord>> logs, int length) {
    Map<SourcePartition, List<SourceRecord>> prefix = new LinkedHashMap<>();
    logs.forEach(
        (partition, log) -> prefix.put(partition, log.subList(0, Math.min(length, log.size()))));
    return prefix;
  }

  private static RouteSettings byKind() {
    return new RouteSettings(
        NAMESPACE,
        Optional.empty(),
        Optional.of("kind"),
        List.of(
            new RouteRule(
                Optional.of("order"), Optional.empty(), TableIdentifier.of(NAMESPACE, "orders")),
            new RouteRule(
                Optional.empty(),
                Optional.of(Pattern.compile("pay.*")),
                TableIdentifier.of(NAMESPACE, "payments"))),
        Optional.empty());
  }

  /** Per partition: orders, payments, refunds (unrouted) and records without a kind, in turn. */
  private static Map<SourcePartition, List<SourceRecord>> events(int perPartition) {
    List<String> kinds =
        List.of("\"order\"", "\"payment\"", "\"refund\"", "null", "\"order\"", "\"payout\"");
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    for (SourcePartition partition : List.of(P0, P1)) {
      List<SourceRecord> log = new ArrayList<>();
      for (int offset = 0; offset < perPartition; offset++) {
        String kind = kinds.get(offset % kinds.size());
        log.add(record(partition, offset, "{\"kind\": " + kind + ", \"n\": " + offset + "}"));
      }
      logs.put(partition, log);
    }
    return logs;
  }

  private static Map<SourcePartition, List<SourceRecord>> orders(int perPartition) {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    for (SourcePartition partition : List.of(P0, P1)) {
      List<SourceRecord> log = new ArrayList<>();
      for (int offset = 0; offset < perPartition; offset++) {
        log.add(
            record(
                partition,
                offset,
                "{\"id\": "
                    + offset
                    + ", \"customer\": {\"name\": \"c"
                    + offset
                    + "\"}, \"total\": 1.5}"));
      }
      logs.put(partition, log);
    }
    return logs;
  }
}
