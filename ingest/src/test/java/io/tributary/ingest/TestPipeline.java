package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestPipeline {
  private static final TableIdentifier TABLE = TableIdentifier.of("raw", "orders");
  private static final TableIdentifier DEAD_LETTERS =
      TableIdentifier.of("raw", "orders__dead_letter");
  private static final SourcePartition P0 = SourcePartition.kafka("orders", 0);
  private static final SourcePartition P1 = SourcePartition.kafka("orders", 1);

  private InMemoryCatalog catalog;

  @BeforeEach
  void createCatalog() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
  }

  @Test
  void commitsEveryRecordOnceWithItsPositions() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = logs(120);

    runUntilCommitted(logs, 240);

    assertThat(offsetsIn(TABLE)).hasSize(240).doesNotHaveDuplicates();
    assertThat(SourcePositions.committed(catalog.loadTable(TABLE), List.of(P0, P1)))
        .containsEntry(P0, 119L)
        .containsEntry(P1, 119L);
  }

  @Test
  void restartResumesFromTheTablePositionsWithoutDuplicates() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = logs(100);
    runUntilCommitted(logs, 200);

    // The same logs again, as after a crash that lost the consumer group's offsets, plus new data.
    Map<SourcePartition, List<SourceRecord>> grown = logs(150);
    runUntilCommitted(grown, 300);

    assertThat(offsetsIn(TABLE)).hasSize(300).doesNotHaveDuplicates();
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
            new SourceRecord(P0, 4, 0L, null, new byte[] {(byte) 0xC3, 0x28}, Map.of())));

    runUntilCommitted(logs, 2);

    assertThat(offsetsIn(TABLE)).containsExactlyInAnyOrder("orders:0@0", "orders:0@3");
    await()
        .untilAsserted(
            () ->
                assertThat(offsetsIn(DEAD_LETTERS))
                    .containsExactlyInAnyOrder("orders:0@1", "orders:0@2", "orders:0@4"));
    List<Record> deadLetters = rows(DEAD_LETTERS);
    assertThat(deadLetters)
        .extracting(row -> (String) row.getField("error_message"))
        .anySatisfy(
            message -> assertThat(message).contains("orders:0@1").contains("not valid JSON"))
        .anySatisfy(
            message -> assertThat(message).contains("orders:0@2").contains("expected an object"));
  }

  @Test
  void valuesThatDoNotFitAreRescuedNotLost() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();
    logs.put(P0, List.of(record(P0, 0, "{\"amount\": 2}")));
    runUntilCommitted(logs, 1);

    logs.put(P0, List.of(record(P0, 0, "{\"amount\": 2}"), record(P0, 1, "{\"amount\": 2.5}")));
    runUntilCommitted(logs, 2);

    Record rescued =
        rows(TABLE).stream()
            .filter(row -> ((Record) row.getField("_source")).getField("offset").equals(1L))
            .findFirst()
            .orElseThrow();
    assertThat(rescued.getField("amount")).isNull();
    assertThat(rescued.getField("_rescued_data")).isEqualTo("{\"amount\":2.5}");
  }

  @Test
  void aStaleWriterIsRefusedByTheTablePositions() throws Exception {
    Map<SourcePartition, List<SourceRecord>> logs = logs(10);
    runUntilCommitted(logs, 20);
    Table table = catalog.loadTable(TABLE);

    PositionGuard staleGuard = new PositionGuard(Map.of(P0, Optional.of(3L)));

    assertThat(staleGuard.validate(table.snapshots())).isFalse();
    assertThat(staleGuard.errorMessage()).contains("orders:0 is 9 but this writer expected 3");
  }

  private void runUntilCommitted(Map<SourcePartition, List<SourceRecord>> logs, int rows)
      throws InterruptedException {
    PipelineSettings settings =
        new PipelineSettings(
            "orders",
            TABLE,
            DEAD_LETTERS,
            List.of(),
            Optional.empty(),
            Duration.ofMillis(50),
            1 << 20,
            1 << 20,
            Map.of());
    Pipeline pipeline =
        new Pipeline(settings, catalog, assignments -> new FakeRecordSource(logs, assignments));
    Thread thread = new Thread(pipeline, "pipeline-test");
    thread.start();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> tableExists() && offsetsIn(TABLE).size() >= rows);
    } finally {
      pipeline.stop();
      thread.join();
    }
  }

  private boolean tableExists() {
    return catalog.tableExists(TABLE);
  }

  private List<String> offsetsIn(TableIdentifier identifier) throws IOException {
    if (!catalog.tableExists(identifier)) {
      return List.of();
    }
    return rows(identifier).stream()
        .map(row -> (Record) row.getField("_source"))
        .map(
            source ->
                source.getField("topic")
                    + ":"
                    + source.getField("partition")
                    + "@"
                    + source.getField("offset"))
        .collect(Collectors.toList());
  }

  private List<Record> rows(TableIdentifier identifier) throws IOException {
    Table table = catalog.loadTable(identifier);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(rows::add);
    }
    return rows;
  }

  private static Map<SourcePartition, List<SourceRecord>> logs(int perPartition) {
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

  private static SourceRecord record(SourcePartition partition, long offset, String json) {
    return new SourceRecord(
        partition,
        offset,
        1_767_225_600_000L + offset,
        null,
        json.getBytes(StandardCharsets.UTF_8),
        Map.of());
  }
}
