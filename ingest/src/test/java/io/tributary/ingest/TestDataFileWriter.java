package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourcePartition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows converted from JSON partition by their string columns with every string transform. */
class TestDataFileWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
          Types.NestedField.optional(2, "id", Types.LongType.get()),
          Types.NestedField.optional(3, "country", Types.StringType.get()));

  @ParameterizedTest
  @ValueSource(strings = {"identity", "truncate", "bucket"})
  void partitionsByStringColumns(String transform) throws IOException {
    PartitionSpec.Builder spec = PartitionSpec.builderFor(SCHEMA);
    switch (transform) {
      case "identity" -> spec.identity("country");
      case "truncate" -> spec.truncate("country", 2);
      default -> spec.bucket("country", 4);
    }
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Table table =
        catalog.createTable(TableIdentifier.of("raw", "by_" + transform), SCHEMA, spec.build());
    List<String> countries = List.of("norway", "nepal", "peru", "portugal");
    RowConverter converter = new RowConverter(SCHEMA);
    List<Record> rows = new ArrayList<>();
    for (int id = 0; id < 40; id++) {
      ObjectNode json =
          (ObjectNode)
              JSON.readTree(
                  "{\"id\": %d, \"country\": \"%s\"}".formatted(id, countries.get(id % 4)));
      rows.add(
          converter.convert(json, PipelineHarness.record(SourcePartition.kafka("t", 0), id, "{}")));
    }

    List<DataFile> files = new DataFileWriter(table, "op").write(rows.iterator());
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();

    List<String> read = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(record -> read.add(record.getField("id") + ":" + record.getField("country")));
    }
    assertThat(read)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 40).mapToObj(id -> id + ":" + countries.get(id % 4)).toList());
    assertThat(files.size()).isGreaterThan(1);
    // Filtering prunes by the partition values the writer derived from the rows' strings.
    List<Object> peru = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table).where(Expressions.equal("country", "peru")).build()) {
      records.forEach(record -> peru.add(record.getField("id")));
    }
    assertThat(peru).hasSize(10).allMatch(id -> (Long) id % 4 == 2);
  }

  @Test
  void closesTheFilesOfManyPartitionsSideBySideAndLosesNoRow() throws IOException {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Table table =
        catalog.createTable(
            TableIdentifier.of("raw", "many"),
            SCHEMA,
            PartitionSpec.builderFor(SCHEMA).identity("country").build());
    RowConverter converter = new RowConverter(SCHEMA);
    List<Record> rows = new ArrayList<>();
    for (int id = 0; id < 2_000; id++) {
      ObjectNode json =
          (ObjectNode) JSON.readTree("{\"id\": %d, \"country\": \"c%d\"}".formatted(id, id % 200));
      rows.add(
          converter.convert(json, PipelineHarness.record(SourcePartition.kafka("t", 0), id, "{}")));
    }
    Set<String> closingThreads = ConcurrentHashMap.newKeySet();
    ExecutorService closers = Executors.newFixedThreadPool(4);
    List<DataFile> files;
    try {
      files =
          new DataFileWriter(
                  table,
                  "op",
                  task ->
                      closers.execute(
                          () -> {
                            closingThreads.add(Thread.currentThread().getName());
                            task.run();
                          }))
              .write(rows.iterator());
    } finally {
      closers.shutdown();
    }

    assertThat(files).hasSize(200);
    assertThat(files).allMatch(file -> file.recordCount() == 10);
    assertThat(closingThreads).isNotEmpty().noneMatch(Thread.currentThread().getName()::equals);
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      assertThat(records).hasSize(2_000);
    }
  }
}
