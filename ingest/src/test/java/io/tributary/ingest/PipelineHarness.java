package io.tributary.ingest;

import static org.awaitility.Awaitility.await;

import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.SchemaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;

/** Runs pipelines over fake partition logs against an in-memory catalog, and reads the result. */
final class PipelineHarness {
  static final Namespace NAMESPACE = Namespace.of("raw");
  static final TableIdentifier DEAD_LETTERS = TableIdentifier.of(NAMESPACE, "test__dead_letter");

  private final FaultyCatalog.Target catalog;
  private final Namespace namespace;

  /** Over a fresh in-memory catalog, in namespace {@code raw}. */
  PipelineHarness() {
    InMemoryCatalog inMemory = new InMemoryCatalog();
    inMemory.initialize("test", Map.of());
    this.catalog = FaultyCatalog.Target.of(inMemory);
    this.namespace = NAMESPACE;
  }

  PipelineHarness(FaultyCatalog.Target catalog, Namespace namespace) {
    this.catalog = catalog;
    this.namespace = namespace;
  }

  FaultyCatalog.Target catalog() {
    return catalog;
  }

  TableIdentifier deadLetters() {
    return TableIdentifier.of(namespace, "test__dead_letter");
  }

  PipelineSettings settings(RouteSettings route) {
    return new PipelineSettings(
        "test",
        route,
        deadLetters(),
        true,
        List.of(),
        Optional.empty(),
        Duration.ofMillis(50),
        1 << 20,
        1 << 20,
        Map.of(),
        Map.of(),
        SourceKind.KAFKA,
        SchemaSettings.defaults(),
        DecodingSettings.json());
  }

  /** Runs until the condition holds, then stops the pipeline the orderly way. */
  void runUntil(
      PipelineSettings settings,
      Map<SourcePartition, List<SourceRecord>> logs,
      BooleanSupplier done)
      throws InterruptedException {
    runUntil(settings, catalog.catalog(), logs, done);
  }

  /**
   * Runs until the condition holds or the pipeline thread dies; returns whether it died, as a
   * process killed mid-flight would.
   */
  boolean runUntil(
      PipelineSettings settings,
      Catalog through,
      Map<SourcePartition, List<SourceRecord>> logs,
      BooleanSupplier done)
      throws InterruptedException {
    Pipeline pipeline =
        new Pipeline(settings, through, assignments -> new FakeRecordSource(logs, assignments));
    AtomicReference<Throwable> death = new AtomicReference<>();
    Thread thread = new Thread(pipeline, "pipeline-test");
    thread.setUncaughtExceptionHandler((t, e) -> death.set(e));
    thread.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> !thread.isAlive() || done.getAsBoolean());
    if (thread.isAlive()) {
      pipeline.stop();
      thread.join();
    }
    if (death.get() != null && !(death.get() instanceof FaultyCatalog.Crash)) {
      throw new AssertionError("pipeline died unexpectedly", death.get());
    }
    return death.get() != null;
  }

  /** Every {@code topic:partition@offset} in every table of the namespace, duplicates kept. */
  List<String> allCoordinates() {
    List<String> coordinates = new ArrayList<>();
    if (!catalog.namespaces().namespaceExists(namespace)) {
      return coordinates;
    }
    for (TableIdentifier table : catalog.catalog().listTables(namespace)) {
      if (!table.name().equals(DriftLedger.TABLE_NAME)) {
        coordinates.addAll(coordinates(table));
      }
    }
    return coordinates;
  }

  List<String> coordinates(TableIdentifier identifier) {
    if (!catalog.catalog().tableExists(identifier)) {
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
        .toList();
  }

  Table table(TableIdentifier identifier) {
    return catalog.catalog().loadTable(identifier);
  }

  List<Record> rows(TableIdentifier identifier) {
    Table table = table(identifier);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static SourceRecord record(SourcePartition partition, long offset, String json) {
    return new SourceRecord(
        partition,
        offset,
        1_767_225_600_000L + offset,
        null,
        json.getBytes(StandardCharsets.UTF_8),
        Map.of());
  }
}
