package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TestOrphanFileSweep {
  // In-memory files are shared by every in-memory FileIO; this one lists them too.
  private final ListingInMemoryFileIO storage = new ListingInMemoryFileIO();

  @Test
  void deletesOnlyOldUnreferencedFiles() throws IOException {
    Table table = createTable("orphans");
    String referenced = write(table, "/data/referenced.parquet");
    appendDataFile(table, referenced);
    String leftover = write(table, "/data/leftover-of-a-failed-commit.parquet");
    String inFlight = write(table, "/data/written-for-a-commit-in-flight.parquet");
    String siblingTables = table.location() + "__dead_letter/data/f.parquet";
    storage.newOutputFile(siblingTables).create().close();
    ListingInMemoryFileIO.CREATED.put(siblingTables, 0L);
    ListingInMemoryFileIO.CREATED.put(leftover, 0L);
    ListingInMemoryFileIO.CREATED.put(referenced, 0L);

    int deleted =
        new OrphanFileSweep(Duration.ofHours(1))
            .sweep(table, storage, storage, System.currentTimeMillis());

    assertThat(deleted).isEqualTo(1);
    assertThat(storage.fileExists(leftover)).isFalse();
    assertThat(storage.fileExists(referenced)).isTrue();
    assertThat(storage.fileExists(inFlight)).isTrue();
    assertThat(storage.fileExists(siblingTables)).as("a sibling table's file").isTrue();
  }

  @Test
  void keepsDeleteFilesThatOtherEnginesWrote() throws IOException {
    Table table = createTable("deletes");
    String data = write(table, "/data/rows.parquet");
    String deletes = write(table, "/data/position-deletes.parquet");
    appendDataFile(table, data);
    // Trino's DELETE writes position deletes like this one.
    table
        .newRowDelta()
        .addDeletes(
            FileMetadata.deleteFileBuilder(PartitionSpec.unpartitioned())
                .ofPositionDeletes()
                .withPath(deletes)
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(4)
                .withRecordCount(1)
                .build())
        .commit();
    ListingInMemoryFileIO.CREATED.put(data, 0L);
    ListingInMemoryFileIO.CREATED.put(deletes, 0L);

    int deleted =
        new OrphanFileSweep(Duration.ofHours(1))
            .sweep(table, storage, storage, System.currentTimeMillis());

    assertThat(deleted).isZero();
    assertThat(storage.fileExists(deletes)).isTrue();
    assertThat(storage.fileExists(data)).isTrue();
  }

  @Test
  void theSafetyAgeCannotBeShorterThanAMinute() {
    assertThatThrownBy(() -> new OrphanFileSweep(Duration.ofSeconds(5)))
        .hasMessage("orphan safety age must be at least a minute: PT5S");
  }

  @Test
  void schemesOfTheSameObjectAreOne() {
    assertThat(OrphanFileSweep.normalize("s3a://lake/t/f.parquet"))
        .isEqualTo("s3://lake/t/f.parquet");
  }

  private static Table createTable(String name) {
    return InMemoryTables.create(
        name,
        new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())),
        PartitionSpec.unpartitioned(),
        Map.of("format-version", "2"));
  }

  private static void appendDataFile(Table table, String location) {
    table
        .newAppend()
        .appendFile(
            DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(location)
                .withFileSizeInBytes(4)
                .withRecordCount(1)
                .build())
        .commit();
  }

  private String write(Table table, String relative) {
    String location = table.location() + relative;
    try (PositionOutputStream stream = storage.newOutputFile(location).create()) {
      stream.write(new byte[] {1, 2, 3, 4});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return location;
  }
}
