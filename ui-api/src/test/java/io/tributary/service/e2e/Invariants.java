package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The invariants of {@code DESIGN.md} that can be read from a pipeline's tables at a quiet moment,
 * checked through Trino and the object store. One instance follows one pipeline's tables over a
 * test, so that committed positions can be compared with what an earlier check saw.
 */
final class Invariants {
  private final Trino trino;
  private final ObjectStore objects;
  private final List<String> tables;

  /** Per table, the newest committed position of each source partition at the last check. */
  private final Map<String, Map<String, Long>> lastPositions = new HashMap<>();

  Invariants(Trino trino, ObjectStore objects, List<String> tables) {
    this.trino = trino;
    this.objects = objects;
    this.tables = List.copyOf(tables);
  }

  /** Every invariant below, once all produced records are expected in the tables. */
  void check(Map<String, Map<Integer, Long>> endOffsets) throws Exception {
    exactlyOnce(endOffsets);
    noFileReferencedTwice();
    positionsOnlyMoveForward();
    everyReferencedFileExists();
  }

  /** I1: every produced (topic, partition, offset) is in exactly one table, once. */
  void exactlyOnce(Map<String, Map<Integer, Long>> endOffsets) throws Exception {
    SourceCoverage.assertExactlyOnce(trino, tables, endOffsets);
  }

  /** I2: no data file is referenced twice, within a table or across the pipeline's tables. */
  void noFileReferencedTwice() throws Exception {
    String files =
        tables.stream()
            .map(table -> "SELECT file_path FROM " + metadataTable(table, "files"))
            .collect(Collectors.joining(" UNION ALL "));
    assertThat(
            trino.query(
                "SELECT file_path, count(*) FROM (" + files + ") GROUP BY 1 HAVING count(*) > 1"))
        .as("data files referenced more than once")
        .isEmpty();
  }

  /**
   * I3: along each table's current ancestry, oldest first, the position recorded for a source
   * partition never goes back, and the newest positions are at or ahead of the last check's.
   */
  void positionsOnlyMoveForward() throws Exception {
    for (String table : tables) {
      List<List<Object>> ancestry =
          trino.query(
              "SELECT h.snapshot_id, s.summary FROM "
                  + metadataTable(table, "history")
                  + " h JOIN "
                  + metadataTable(table, "snapshots")
                  + " s ON h.snapshot_id = s.snapshot_id"
                  + " WHERE h.is_current_ancestor ORDER BY h.made_current_at, h.snapshot_id");
      Map<String, Long> newest = new HashMap<>();
      for (List<Object> row : ancestry) {
        Map<?, ?> summary = (Map<?, ?>) row.get(1);
        for (Map.Entry<?, ?> entry : summary.entrySet()) {
          String key = (String) entry.getKey();
          if (!key.startsWith("tributary.position.")) {
            continue;
          }
          long position = Long.parseLong((String) entry.getValue());
          Long before = newest.get(key);
          assertThat(position)
              .as("%s in snapshot %s of %s (earlier: %s)", key, row.get(0), table, before)
              .isGreaterThanOrEqualTo(before == null ? Long.MIN_VALUE : before);
          newest.put(key, position);
        }
      }
      Map<String, Long> earlier = lastPositions.getOrDefault(table, Map.of());
      for (Map.Entry<String, Long> entry : newest.entrySet()) {
        Long before = earlier.get(entry.getKey());
        assertThat(entry.getValue())
            .as("newest %s of %s against the last check", entry.getKey(), table)
            .isGreaterThanOrEqualTo(before == null ? Long.MIN_VALUE : before);
      }
      lastPositions.put(table, newest);
    }
  }

  /** I4: every data file and manifest the tables' current snapshots reference exists. */
  void everyReferencedFileExists() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String table : tables) {
      for (List<Object> row :
          trino.query("SELECT file_path FROM " + metadataTable(table, "files"))) {
        requireExists((String) row.get(0), missing);
      }
      for (List<Object> row :
          trino.query("SELECT path FROM " + metadataTable(table, "manifests"))) {
        requireExists((String) row.get(0), missing);
      }
    }
    assertThat(missing).as("referenced files missing from the object store").isEmpty();
  }

  /** How many source partitions' positions the last check saw, for the log. */
  int positionsSeen() {
    return lastPositions.values().stream().map(Map::keySet).mapToInt(Set::size).sum();
  }

  private void requireExists(String location, List<String> missing) {
    if (objects.size(URI.create(location)) < 0) {
      missing.add(location);
    }
  }

  /** {@code iceberg.ns."table$kind"} for {@code iceberg.ns.table}. */
  private static String metadataTable(String table, String kind) {
    int dot = table.lastIndexOf('.');
    return table.substring(0, dot + 1) + "\"" + table.substring(dot + 1) + "$" + kind + "\"";
  }
}
