package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.source.SourcePartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TestPositionBookkeeping {
  private static final SourcePartition P0 = SourcePartition.kafka("t", 0);
  private static final SourcePartition P1 = SourcePartition.kafka("t", 1);
  private static final SourcePartition P2 = SourcePartition.kafka("t", 2);

  @Test
  void aTableHoldsWhatItCommitted() {
    TableState state = new TableState(TableIdentifier.of("raw", "t"));
    state.committed(Map.of(P0, 10L), 0);

    assertThat(state.holds(P0, 10)).isTrue();
    assertThat(state.holds(P0, 11)).isFalse();
    assertThat(state.holds(P1, 0)).isFalse();
  }

  @Test
  void onlyReadPositionsAheadOfTheTableAreRecorded() {
    TableState state = new TableState(TableIdentifier.of("raw", "t"));
    state.committed(Map.of(P0, 10L, P1, 50L), 0);

    assertThat(state.ahead(Map.of(P0, 12L, P1, 40L, P2, 3L))).isEqualTo(Map.of(P0, 12L, P2, 3L));
    assertThat(state.expectedFor(Set.of(P0, P2)))
        .isEqualTo(Map.of(P0, Optional.of(10L), P2, Optional.empty()));
  }

  @Test
  void idleTablesAdvanceTheirPositionsOnlyNowAndThen() {
    TableState state = new TableState(TableIdentifier.of("raw", "t"));

    assertThat(state.positionsDue(Map.of(P0, 5L), 1_000, 60_000)).as("never committed").isTrue();
    state.committed(Map.of(P0, 5L), 1_000);
    assertThat(state.positionsDue(Map.of(P0, 5L), 2_000, 60_000)).as("nothing new").isFalse();
    assertThat(state.positionsDue(Map.of(P0, 9L), 2_000, 60_000))
        .as("recently committed")
        .isFalse();
    assertThat(state.positionsDue(Map.of(P0, 9L), 61_000, 60_000)).as("a minute later").isTrue();
  }

  @Test
  void theNewestPositionInTheAncestryWins() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Schema schema = new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));
    Table table = catalog.createTable(TableIdentifier.of("raw", "t"), schema);

    table
        .newAppend()
        .set(SourcePositions.summaryKey(P0), "10")
        .set(SourcePositions.summaryKey(P1), "7")
        .commit();
    table.newAppend().set(SourcePositions.summaryKey(P0), "20").commit();
    // A commit without positions, as compaction makes, hides nothing.
    table
        .newAppend()
        .appendFile(
            DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath("/data/f.parquet")
                .withFileSizeInBytes(10)
                .withRecordCount(1)
                .build())
        .commit();

    assertThat(SourcePositions.committed(table, List.of(P0, P1, P2)))
        .isEqualTo(Map.of(P0, 20L, P1, 7L));
  }

  @Test
  void summaryKeysNameTheStreamAndPartition() {
    SourcePartition partition = SourcePartition.kafka("orders.v2-eu", 11);

    assertThat(SourcePositions.summaryKey(partition))
        .isEqualTo("tributary.position.orders.v2-eu:11");
  }
}
