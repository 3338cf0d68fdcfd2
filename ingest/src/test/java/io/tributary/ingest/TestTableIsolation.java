package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.NAMESPACE;
import static io.tributary.ingest.PipelineHarness.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.SchemaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

/** One table's trouble never holds back the other tables of its pipeline. */
class TestTableIsolation {
  private static final TableIdentifier ORDERS = TableIdentifier.of(NAMESPACE, "orders");
  private static final TableIdentifier PAYMENTS = TableIdentifier.of(NAMESPACE, "payments");
  private static final SourcePartition P0 = SourcePartition.kafka("events", 0);
  private static final SourcePartition P1 = SourcePartition.kafka("events", 1);

  private final PipelineHarness harness = new PipelineHarness();

  @Test
  void aQuietTablePartitionedByEventTimeNeverHoldsBackTheOthers() throws Exception {
    // Orders arrive on one partition only and then stop; payments keep arriving on both, so the
    // quiet orders table is due for positions alone, with no record to infer its schema from.
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(P0, events(P0, 0, 60, offset -> offset < 5 ? "order" : "payment"));
    logs.put(P1, events(P1, 0, 60, offset -> "payment"));

    Pipeline pipeline =
        runUntil(
            settings(List.of("day(event_time)")),
            harness.catalog().catalog(),
            logs,
            () -> harness.coordinates(PAYMENTS).size() >= 115);

    assertThat(harness.coordinates(ORDERS)).hasSize(5);
    assertThat(harness.coordinates(PAYMENTS)).hasSize(115).doesNotHaveDuplicates();
    assertThat(pipeline.status().tables()).allMatch(t -> t.state() == TableStatus.State.HEALTHY);
    assertThat(harness.table(ORDERS).spec().fields()).hasSize(1);
    // Without a single dead letter, its table exists from the first round on, holding positions.
    assertThat(harness.catalog().catalog().tableExists(harness.deadLetters())).isTrue();
  }

  @Test
  void aTableWhoseCommitsFailIsRetriedAloneWhileTheOthersCommit() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    List<SourceRecord> log = events(P0, 0, 200, offset -> offset % 2 == 0 ? "order" : "payment");
    PipelineSettings settings = settings(List.of());
    // Both tables worked before orders starts failing.
    logs.put(P0, log.subList(0, 20));
    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () -> harness.coordinates(ORDERS).size() >= 10);

    AtomicBoolean healed = new AtomicBoolean(false);
    FaultyCatalog ordersFailing =
        new FaultyCatalog(
            harness.catalog(),
            (table, commit) ->
                table.equals(ORDERS) && !healed.get()
                    ? FaultyCatalog.Fault.FAIL_BEFORE
                    : FaultyCatalog.Fault.NONE);
    logs.put(P0, log);
    try (RunningPipeline running =
        start(settings, ordersFailing, logs, () -> harness.coordinates(PAYMENTS).size() >= 100)) {
      Pipeline pipeline = running.pipeline();
      assertThat(harness.coordinates(ORDERS)).hasSize(10);
      await().until(() -> pipeline.status().state() == PipelineStatus.State.DEGRADED);
      assertThat(pipeline.status().tables())
          .filteredOn(t -> t.table().equals(ORDERS.toString()))
          .singleElement()
          .satisfies(t -> assertThat(t.state()).isNotEqualTo(TableStatus.State.HEALTHY))
          .satisfies(
              t ->
                  assertThat(t.error())
                      .hasValueSatisfying(e -> assertThat(e).contains("injected")));

      healed.set(true);
      await()
          .atMost(Duration.ofSeconds(180))
          .until(() -> harness.coordinates(ORDERS).size() >= 100);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pipeline.status().state() == PipelineStatus.State.RUNNING);
    }
    assertThat(harness.coordinates(ORDERS)).hasSize(100).doesNotHaveDuplicates();
    assertThat(harness.coordinates(PAYMENTS)).hasSize(100).doesNotHaveDuplicates();
  }

  @Test
  void recordsOfATableThatCannotBeCreatedBecomeDeadLettersNamingIt() throws Exception {
    // Iceberg cannot truncate a double: the orders table can never be created with this spec.
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(P0, events(P0, 0, 40, offset -> offset % 2 == 0 ? "order" : "payment"));
    PipelineSettings settings =
        withOverride(settings(List.of()), ORDERS, List.of("truncate[4](amount)"));

    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () -> harness.coordinates(harness.deadLetters()).size() >= 20);

    assertThat(harness.coordinates(PAYMENTS)).hasSize(20);
    assertThat(harness.catalog().catalog().tableExists(ORDERS)).isFalse();
    assertThat(harness.rows(harness.deadLetters()))
        .extracting(row -> (String) row.getField("error_message"))
        .hasSize(20)
        .allSatisfy(
            message ->
                assertThat(message)
                    .startsWith("record events:0@")
                    .contains("table raw.orders cannot be created"));
  }

  @Test
  void aPartitionFieldMissingFromTheFirstRecordsJoinsTheSpecWhenItArrives() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    List<SourceRecord> log = new ArrayList<>();
    for (int offset = 0; offset < 40; offset++) {
      String customer = offset < 20 ? "" : ", \"customer_id\": \"c" + offset + "\"";
      log.add(record(P0, offset, "{\"kind\": \"order\", \"n\": " + offset + customer + "}"));
    }
    logs.put(P0, List.of());
    PipelineSettings settings = settings(List.of("bucket[4](customer_id)"));

    logs.put(P0, log.subList(0, 20));
    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () -> harness.coordinates(ORDERS).size() >= 20);
    assertThat(harness.table(ORDERS).spec().isUnpartitioned()).isTrue();

    logs.put(P0, log);
    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () -> harness.coordinates(ORDERS).size() >= 40);

    Table orders = harness.table(ORDERS);
    assertThat(orders.spec().fields())
        .singleElement()
        .satisfies(f -> assertThat(f.name()).contains("customer_id"));
    assertThat(orders.properties()).doesNotContainKey(SchemaEvolver.PENDING_PARTITION_PROPERTY);
    assertThat(harness.coordinates(ORDERS)).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void systemColumnsDroppedByAnotherEngineComeBack() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    List<SourceRecord> log = events(P0, 0, 20, offset -> "order");
    logs.put(P0, log.subList(0, 10));
    PipelineSettings settings = settings(List.of());
    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () -> harness.coordinates(ORDERS).size() >= 10);

    harness.table(ORDERS).updateSchema().deleteColumn(SystemColumns.RESCUED_DATA).commit();
    logs.put(P0, log);
    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () -> harness.coordinates(ORDERS).size() >= 20);

    assertThat(harness.table(ORDERS).schema().findField(SystemColumns.RESCUED_DATA)).isNotNull();
    assertThat(harness.coordinates(ORDERS)).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void aTableDroppedBehindThePipelinesBackIsCreatedAgainWhileTheOthersCommit() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    List<SourceRecord> log = events(P0, 0, 40, offset -> offset % 2 == 0 ? "order" : "payment");
    PipelineSettings settings = settings(List.of());
    logs.put(P0, log.subList(0, 20));
    runUntil(
        settings,
        harness.catalog().catalog(),
        logs,
        () ->
            harness.coordinates(ORDERS).size() >= 10 && harness.coordinates(PAYMENTS).size() >= 10);

    harness.catalog().catalog().dropTable(ORDERS);
    logs.put(P0, log);
    Pipeline pipeline =
        runUntil(
            settings,
            harness.catalog().catalog(),
            logs,
            () ->
                harness.coordinates(ORDERS).size() >= 10
                    && harness.coordinates(PAYMENTS).size() >= 20);

    // The new table holds what arrived after the drop; the other table never missed a record.
    assertThat(harness.coordinates(ORDERS))
        .containsExactlyInAnyOrderElementsOf(
            log.subList(20, 40).stream()
                .filter(record -> record.position().offset() % 2 == 0)
                .map(SourceRecord::coordinates)
                .toList());
    assertThat(harness.coordinates(PAYMENTS)).hasSize(20).doesNotHaveDuplicates();
    assertThat(pipeline.status().tables()).allMatch(t -> t.state() == TableStatus.State.HEALTHY);
  }

  private static Pipeline runUntil(
      PipelineSettings settings,
      Catalog catalog,
      Map<SourcePartition, List<SourceRecord>> logs,
      BooleanSupplier done)
      throws InterruptedException {
    try (RunningPipeline running = start(settings, catalog, logs, done)) {
      return running.pipeline();
    }
  }

  /** Starts a pipeline and waits until the condition holds; closing it stops it and waits. */
  private static RunningPipeline start(
      PipelineSettings settings,
      Catalog catalog,
      Map<SourcePartition, List<SourceRecord>> logs,
      BooleanSupplier done) {
    Pipeline pipeline =
        new Pipeline(settings, catalog, assignments -> new FakeRecordSource(logs, assignments));
    Thread thread = new Thread(pipeline, "pipeline-test");
    thread.setDaemon(true);
    thread.start();
    await().atMost(Duration.ofSeconds(180)).until(() -> !thread.isAlive() || done.getAsBoolean());
    assertThat(thread.isAlive()).as("the pipeline thread is alive").isTrue();
    return new RunningPipeline(pipeline, thread);
  }

  private record RunningPipeline(Pipeline pipeline, Thread thread) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      pipeline.stop();
      thread.join();
    }
  }

  private PipelineSettings settings(List<String> partitionBy) {
    return new PipelineSettings(
        "test",
        byKind(),
        harness.deadLetters(),
        true,
        partitionBy,
        Optional.of("event_time"),
        Duration.ofMillis(50),
        1 << 20,
        1 << 20,
        Map.of(),
        Map.of(),
        SourceKind.KAFKA,
        SchemaSettings.defaults(),
        DecodingSettings.json());
  }

  private static PipelineSettings withOverride(
      PipelineSettings settings, TableIdentifier table, List<String> partitionBy) {
    return new PipelineSettings(
        settings.name(),
        settings.route(),
        settings.deadLetterTable(),
        true,
        List.of(),
        Optional.of("event_time"),
        settings.commitInterval(),
        settings.maxBufferedBytes(),
        1 << 20,
        Map.of(),
        Map.of(table, new TableLayoutOverride(Optional.of(partitionBy), Map.of())),
        SourceKind.KAFKA,
        SchemaSettings.defaults(),
        DecodingSettings.json());
  }

  private static RouteSettings byKind() {
    return new RouteSettings(
        NAMESPACE,
        Optional.empty(),
        Optional.of("kind"),
        List.of(
            new RouteRule(Optional.of("order"), Optional.empty(), ORDERS),
            new RouteRule(Optional.of("payment"), Optional.empty(), PAYMENTS)),
        Optional.empty());
  }

  private static List<SourceRecord> events(
      SourcePartition partition, int from, int count, java.util.function.IntFunction<String> kind) {
    List<SourceRecord> log = new ArrayList<>();
    for (int offset = from; offset < from + count; offset++) {
      log.add(
          record(
              partition,
              offset,
              "{\"kind\": \""
                  + kind.apply(offset)
                  + "\", \"amount\": "
                  + offset
                  + ".5, \"event_time\": \"2026-11-0"
                  + (1 + offset % 7)
                  + "T10:00:00Z\"}"));
    }
    return log;
  }
}
