package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
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
    state.committed(Map.of(P0, at(10)), 0);

    assertThat(state.holds(P0, at(10))).isTrue();
    assertThat(state.holds(P0, at(11))).isFalse();
    assertThat(state.holds(P1, at(0))).isFalse();
  }

  @Test
  void onlyReadPositionsAheadOfTheTableAreRecorded() {
    TableState state = new TableState(TableIdentifier.of("raw", "t"));
    state.committed(Map.of(P0, at(10), P1, at(50)), 0);

    assertThat(state.ahead(Map.of(P0, at(12), P1, at(40), P2, at(3))))
        .isEqualTo(Map.of(P0, at(12), P2, at(3)));
    assertThat(state.expectedFor(Set.of(P0, P2)))
        .isEqualTo(Map.of(P0, Optional.of(at(10)), P2, Optional.empty()));
  }

  @Test
  void idleTablesAdvanceTheirPositionsOnlyNowAndThen() {
    TableState state = new TableState(TableIdentifier.of("raw", "t"));

    assertThat(state.positionsDue(Map.of(P0, at(5)), 1_000, 60_000)).as("never committed").isTrue();
    state.committed(Map.of(P0, at(5)), 1_000);
    assertThat(state.positionsDue(Map.of(P0, at(5)), 2_000, 60_000)).as("nothing new").isFalse();
    assertThat(state.positionsDue(Map.of(P0, at(9)), 2_000, 60_000))
        .as("recently committed")
        .isFalse();
    assertThat(state.positionsDue(Map.of(P0, at(9)), 61_000, 60_000)).as("a minute later").isTrue();
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
        .isEqualTo(Map.of(P0, at(20), P1, at(7)));
  }

  @Test
  void summaryKeysNameTheStreamAndPartition() {
    SourcePartition partition = SourcePartition.kafka("orders.v2-eu", 11);

    assertThat(SourcePositions.summaryKey(partition))
        .isEqualTo("tributary.position.orders.v2-eu:11");
  }

  @Test
  void kinesisSequenceNumbersRoundTripThroughTheSummary() {
    SourcePosition aggregated =
        SourcePosition.kinesis("49590338271490256608559692538361571095921575989136588898", 3);
    SourcePosition plain =
        SourcePosition.kinesis("49590338271490256608559692538361571095921575989136588898", 0);

    assertThat(SourcePosition.parse(aggregated.toString())).isEqualTo(aggregated);
    assertThat(plain.toString())
        .isEqualTo("49590338271490256608559692538361571095921575989136588898");
    assertThat(aggregated).isGreaterThan(plain);
    assertThat(SourcePosition.parse("42")).isEqualTo(at(42));
    assertThat(at(9)).isLessThan(at(10));
  }

  private static SourcePosition at(long offset) {
    return SourcePosition.offset(offset);
  }
}
