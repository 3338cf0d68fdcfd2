package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestManifestRewrite {
  private static final Schema SCHEMA =
      new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));

  private Table table;

  @BeforeEach
  void createTable() {
    table = InMemoryTables.create("events", SCHEMA, PartitionSpec.unpartitioned(), Map.of());
  }

  @Test
  void manifestsFromManyCommitsAreMergedOnceTheyPileUp() {
    append(30);

    int rewritten = new ManifestRewrite(20).rewrite(table);

    assertThat(rewritten).isEqualTo(30);
    assertThat(table.currentSnapshot().dataManifests(table.io())).hasSize(1);
    assertThat(table.currentSnapshot().summary()).containsEntry("total-data-files", "30");
  }

  @Test
  void fewManifestsAreLeftAsTheyAre() {
    append(5);
    long before = table.currentSnapshot().snapshotId();

    assertThat(new ManifestRewrite(20).rewrite(table)).isZero();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before);
  }

  @Test
  void anEmptyTableNeedsNothing() {
    assertThat(new ManifestRewrite(20).rewrite(table)).isZero();
  }

  @Test
  void theThresholdMustAllowAMerge() {
    assertThatThrownBy(() -> new ManifestRewrite(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rewriting manifests needs at least 2 small manifests: 1");
  }

  private void append(int commits) {
    for (int commit = 0; commit < commits; commit++) {
      table
          .newAppend()
          .appendFile(
              DataFiles.builder(PartitionSpec.unpartitioned())
                  .withPath("memory://raw/events/data/" + commit + ".parquet")
                  .withFileSizeInBytes(1000)
                  .withRecordCount(10)
                  .build())
          .commit();
    }
  }
}
