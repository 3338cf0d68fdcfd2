package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks invariant I1 through Trino: across a pipeline's tables and its dead-letter table, every
 * produced (topic, partition, offset) appears exactly once, and nothing else appears.
 */
final class SourceCoverage {
  private SourceCoverage() {}

  static String unionOfSources(List<String> tables) {
    return tables.stream()
        .map(
            table ->
                "SELECT _source.topic AS topic, _source.partition AS part, _source.offset AS position FROM "
                    + table)
        .collect(Collectors.joining(" UNION ALL "));
  }

  static long rowCount(Trino trino, List<String> tables) throws Exception {
    return ((Number) trino.scalar("SELECT count(*) FROM (" + unionOfSources(tables) + ")"))
        .longValue();
  }

  /** Asserts exactly-once coverage of the topics' offsets {@code [0, end)} per partition. */
  static void assertExactlyOnce(
      Trino trino, List<String> tables, Map<String, Map<Integer, Long>> endOffsets)
      throws Exception {
    List<List<Object>> rows =
        trino.query(
            "SELECT topic, part, count(*), count(DISTINCT position), min(position), max(position)"
                + " FROM ("
                + unionOfSources(tables)
                + ") GROUP BY topic, part");
    Map<String, List<Long>> actual = new HashMap<>();
    for (List<Object> row : rows) {
      actual.put(
          row.get(0) + ":" + row.get(1),
          List.of(
              ((Number) row.get(2)).longValue(),
              ((Number) row.get(3)).longValue(),
              ((Number) row.get(4)).longValue(),
              ((Number) row.get(5)).longValue()));
    }
    Map<String, List<Long>> expected = new HashMap<>();
    endOffsets.forEach(
        (topic, partitions) ->
            partitions.forEach(
                (partition, end) -> {
                  if (end > 0) {
                    expected.put(topic + ":" + partition, List.of(end, end, 0L, end - 1));
                  }
                }));
    // Per partition: rows, distinct offsets, lowest and highest offset.
    assertThat(actual).isEqualTo(expected);
  }
}
