package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestSnapshotExpiry {
  private Table table;

  @BeforeEach
  void createTable() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    table =
        catalog.createTable(
            TableIdentifier.of("raw", "t"),
            new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())));
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
