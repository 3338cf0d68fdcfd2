package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestCompactionRunner {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "region", Types.StringType.get()));
  private static final CompactionSettings SETTINGS =
      new CompactionSettings(128L << 20, 0.75, 4, Duration.ofMinutes(10), 1L << 30, 2);

  private Table table;
  private long nextId;

  @BeforeEach
  void createTable() {
    table =
        InMemoryTables.create(
            "events",
            SCHEMA,
            PartitionSpec.builderFor(SCHEMA).identity("region").build(),
            Map.of());
  }

  @Test
  void mergesSmallFilesWithoutLosingOrDuplicatingRows() {
    for (int commit = 0; commit < 8; commit++) {
      appendRows("eu", 10);
      appendRows("us", 10);
    }

    CompactionPlan plan =
        new CompactionPlanner(SETTINGS).plan(table, System.currentTimeMillis(), Long.MAX_VALUE);
    CompactionResult result = new CompactionRunner(SETTINGS).run(table, plan);

    assertThat(result.groupsRewritten()).isEqualTo(2);
    assertThat(result.filesRemoved()).isEqualTo(16);
    assertThat(dataFiles()).isEqualTo(2);
    assertThat(ids()).hasSize(160).doesNotHaveDuplicates();
  }

  @Test
  void aRewriteByAReplicaWhoseLeaseRanOutIsRefusedAndLeavesTheTableAsItWas() {
    for (int commit = 0; commit < 5; commit++) {
      appendRows("eu", 10);
    }
    AtomicLong nanos = new AtomicLong();
    Duration lease = Duration.ofSeconds(30);
    MaintenanceLeases leases =
        new MaintenanceLeases("replica-a", lease, Clock.systemUTC(), nanos::get);
    TableIdentifier identifier = TableIdentifier.of("raw", "events");
    assertThat(leases.claim(identifier, table).heldHere()).isTrue();
    Table fenced = leases.fenced(identifier, table);
    CompactionPlan plan =
        new CompactionPlanner(SETTINGS).plan(fenced, System.currentTimeMillis(), Long.MAX_VALUE);

    // The rewrite takes longer than the lease: another replica may be maintaining the table now.
    nanos.addAndGet(lease.toNanos());

    assertThatThrownBy(() -> new CompactionRunner(SETTINGS).run(fenced, plan))
        .isInstanceOf(LeaseLostException.class);
    table.refresh();
    assertThat(dataFiles()).isEqualTo(5);
    assertThat(ids()).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void appendsMadeWhileCompactingAreKept() {
    for (int commit = 0; commit < 5; commit++) {
      appendRows("eu", 10);
    }
    CompactionPlan plan =
        new CompactionPlanner(SETTINGS).plan(table, System.currentTimeMillis(), Long.MAX_VALUE);

    appendRows("eu", 10);
    new CompactionRunner(SETTINGS).run(table, plan);

    assertThat(ids()).hasSize(60).doesNotHaveDuplicates();
    assertThat(dataFiles()).isEqualTo(2);
  }

  @Test
  void rowsOfASortedTableComeOutInItsOrder() {
    table.replaceSortOrder().desc("id").commit();
    for (int commit = 0; commit < 4; commit++) {
      appendRows("eu", 10);
    }

    CompactionPlan plan =
        new CompactionPlanner(SETTINGS).plan(table, System.currentTimeMillis(), Long.MAX_VALUE);
    new CompactionRunner(SETTINGS).run(table, plan);

    assertThat(dataFiles()).isEqualTo(1);
    assertThat(ids()).hasSize(40).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void filesWithDeletesAreLeftAsTheyAre() throws IOException {
    table.updateProperties().set("format-version", "2").commit();
    for (int commit = 0; commit < 6; commit++) {
      appendRows("eu", 10);
    }
    // Trino's DELETE writes position deletes; rewriting their data file without them would bring
    // the deleted row back.
    DataFile latest = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
    deletePosition(latest, 0);
    List<Long> before = ids();

    CompactionPlan plan =
        new CompactionPlanner(SETTINGS).plan(table, System.currentTimeMillis(), Long.MAX_VALUE);
    new CompactionRunner(SETTINGS).run(table, plan);

    assertThat(ids()).hasSize(59).containsExactlyInAnyOrderElementsOf(before);
    assertThat(dataFiles()).isEqualTo(2);
  }

  private void deletePosition(DataFile file, long position) throws IOException {
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table).deleteFileFormat(FileFormat.PARQUET).build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 2, 0).format(FileFormat.PARQUET).build();
    PositionDeleteWriter<Record> writer =
        writers.newPositionDeleteWriter(
            files.newOutputFile(table.spec(), file.partition()), table.spec(), file.partition());
    try (writer) {
      writer.write(PositionDelete.<Record>create().set(file.location(), position, null));
    }
    table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();
  }

  private void appendRows(String region, int rows) {
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(SCHEMA)
            .build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, nextId)
            .operationId(UUID.randomUUID().toString())
            .build();
    GenericRecord partitionRow = GenericRecord.create(SCHEMA);
    partitionRow.setField("region", region);
    org.apache.iceberg.PartitionKey key = new org.apache.iceberg.PartitionKey(table.spec(), SCHEMA);
    key.partition(partitionRow);
    RollingDataWriter<Record> writer =
        new RollingDataWriter<>(writers, files, table.io(), 1L << 30, table.spec(), key);
    try (writer) {
      for (int i = 0; i < rows; i++) {
        GenericRecord row = GenericRecord.create(SCHEMA);
        row.setField("id", nextId++);
        row.setField("region", region);
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DataWriteResult result = writer.result();
    AppendFiles append = table.newAppend();
    result.dataFiles().forEach(append::appendFile);
    append.commit();
  }

  private List<Long> ids() {
    List<Long> ids = new ArrayList<>();
    table.refresh();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      rows.forEach(row -> ids.add((Long) row.getField("id")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  private int dataFiles() {
    table.refresh();
    return Integer.parseInt(table.currentSnapshot().summary().get("total-data-files"));
  }
}
