package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.catalog.TableProvisioner;
import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.schema.ObservedStruct;
import io.tributary.schema.SchemaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per case of a young table changing its mind: a first commit of misleading records, a
 * second batch whose evidence turns against a column, the young-table window, and what the table
 * holds afterwards, read back row by row: every value in its column or in {@code _rescued_data}.
 */
class TestYoungTableRetype {
  private static final TableIdentifier TABLE = TableIdentifier.of("raw", "movies");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "numeric titles first, then text: title becomes string, rescued text moves back",
            10,
            first("{\"id\": %d, \"title\": %d}", "{\"id\": 99, \"title\": \"Heat\"}"),
            "{\"id\": %d, \"title\": \"Movie %d\"}",
            "string",
            Map.of(
                "0", "title=1776 rescued=null",
                "99", "title=Heat rescued=null",
                "100", "title=Movie 100 rescued=null")),
        Arguments.of(
            "an old table keeps its type and rescues",
            0,
            first("{\"id\": %d, \"title\": %d}", "{\"id\": 99, \"title\": \"Heat\"}"),
            "{\"id\": %d, \"title\": \"Movie %d\"}",
            "long",
            Map.of(
                "0", "title=1776 rescued=null",
                "99", "title=null rescued={\"title\":\"Heat\"}",
                "100", "title=null rescued={\"title\":\"Movie 100\"}")),
        Arguments.of(
            "whole numbers first, then fractions: long becomes double, an inexact long is rescued",
            10,
            first("{\"id\": %d, \"title\": %d}", "{\"id\": 99, \"title\": 9007199254740993}"),
            "{\"id\": %d, \"title\": %d.25}",
            "double",
            Map.of(
                "0", "title=1776.0 rescued=null",
                "99", "title=null rescued={\"title\":9007199254740993}",
                "100", "title=100.25 rescued=null")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aYoungTableRetypesAColumnTheEvidenceTurnedAgainst(
      String rule,
      int youngTableCommits,
      List<String> firstBatch,
      String laterRecord,
      String finalType,
      Map<String, String> expectedRows)
      throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    SchemaSettings settings = SchemaSettings.defaults().withYoungTableCommits(youngTableCommits);
    SchemaEvolver evolver =
        new SchemaEvolver(new TableProvisioner(catalog), new Layout(), table -> settings);
    List<String> later = new ArrayList<>();
    for (int i = 100; i < 150; i++) {
      later.add(laterRecord.formatted(i, i));
    }

    commit(evolver, settings, firstBatch);
    SchemaEvolver.Evolution second = commit(evolver, settings, later);

    Table table = catalog.loadTable(TABLE);
    assertThat(table.schema().findField("title").type().toString()).as(rule).isEqualTo(finalType);
    Map<String, String> rows = rows(table);
    expectedRows.forEach(
        (id, row) -> assertThat(rows.get(id)).as(rule + " id " + id).isEqualTo(row));
    assertThat(rows).as(rule).hasSize(firstBatch.size() + later.size());
    if (youngTableCommits > 0) {
      assertThat(second.changes())
          .extracting(change -> change.kind() + " " + change.path())
          .containsExactly("DROPPED title", "ADDED title");
    } else {
      assertThat(second.changes()).isEmpty();
    }
  }

  /** Ten records from the template (id, title = 1776 + id) and one odd one. */
  private static List<String> first(String template, String odd) {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(template.formatted(i, 1776 + i));
    }
    records.add(odd);
    return records;
  }

  private static SchemaEvolver.Evolution commit(
      SchemaEvolver evolver, SchemaSettings settings, List<String> records) throws Exception {
    ObservedStruct observed = new ObservedStruct(settings);
    List<ObjectNode> decoded = new ArrayList<>();
    for (String json : records) {
      ObjectNode node = (ObjectNode) JsonDecoder.readExact(json);
      decoded.add(node);
      observed.observe(node);
    }
    SchemaEvolver.Evolution evolution =
        evolver.evolve(
            TABLE, observed.toStructType().orElseThrow().asStructType(), observed.presence());
    Table table = evolution.table();
    RowConverter converter = new RowConverter(table.schema(), settings, path -> {});
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < decoded.size(); i++) {
      rows.add(
          converter.convert(
              decoded.get(i), PipelineHarness.record(SourcePartition.kafka("t", 0), i, "{}")));
    }
    AppendFiles append = table.newAppend();
    new DataFileWriter(table, "test-" + System.nanoTime())
        .write(rows.iterator())
        .forEach(append::appendFile);
    append.commit();
    return evolution;
  }

  private static Map<String, String> rows(Table table) throws Exception {
    Map<String, String> rows = new TreeMap<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        Object rescued = record.getField("_rescued_data");
        rows.put(
            record.getField("id").toString(),
            "title=" + record.getField("title") + " rescued=" + rescued);
      }
    }
    return rows;
  }

  private static final class Layout implements SchemaEvolver.TableLayout {
    @Override
    public List<Types.NestedField> systemColumns() {
      return SystemColumns.initialColumns(false, SourceKind.KAFKA);
    }

    @Override
    public List<String> partitionBy(TableIdentifier table) {
      return List.of();
    }

    @Override
    public Map<String, String> tableProperties(TableIdentifier table) {
      return Map.of();
    }
  }
}
