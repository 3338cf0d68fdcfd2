package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestSnapshotExpiry {
  private Table table;

  @BeforeEach
  void createTable() {
    table =
        InMemoryTables.create(
            "t",
            new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())),
            PartitionSpec.unpartitioned(),
            Map.of());
  }

  @Test
  void keepsTheNewestSnapshotOfEveryPositionAndExpiresWhatIsOlder() {
    table.newAppend().set("tributary.position.orders:0", "5").commit();
    table.newAppend().set("tributary.position.orders:0", "10").commit();
    table.newAppend().set("tributary.position.orders:1", "7").commit();
    for (int i = 0; i < 5; i++) {
      table.newAppend().commit();
    }

    int expired =
        new SnapshotExpiry(Duration.ZERO, 1, Duration.ofDays(7))
            .expire(table, System.currentTimeMillis() + 1);

    assertThat(expired).isEqualTo(1);
    assertThat(positionsInAncestry())
        .containsEntry("tributary.position.orders:0", "10")
        .containsEntry("tributary.position.orders:1", "7");
  }

  @Test
  void abandonedPositionsDoNotPinHistoryForever() {
    table.newAppend().set("tributary.position.gone:0", "5").commit();
    for (int i = 0; i < 3; i++) {
      table.newAppend().commit();
    }

    long muchLater = System.currentTimeMillis() + Duration.ofDays(8).toMillis();
    new SnapshotExpiry(Duration.ofHours(1), 1, Duration.ofDays(7)).expire(table, muchLater);

    assertThat(table.snapshots()).hasSize(1);
  }

  private Map<String, String> positionsInAncestry() {
    Map<String, String> positions = new java.util.HashMap<>();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      snapshot
          .summary()
          .forEach(
              (key, value) -> {
                if (key.startsWith("tributary.position.")) {
                  positions.putIfAbsent(key, value);
                }
              });
    }
    return positions;
  }
}
