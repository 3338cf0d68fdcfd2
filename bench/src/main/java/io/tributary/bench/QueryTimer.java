package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * Times two typical queries on a table through Trino: a full-scan aggregate and a selective filter
 * on a narrow {@code order_id} range. Each runs once to warm caches, then the median of {@code
 * repetitions} runs counts.
 */
final class QueryTimer {
  record Times(String table, long dataFiles, double scanSeconds, double filterSeconds) {}

  private final TrinoQueries trino;
  private final int repetitions;

  QueryTimer(TrinoQueries trino, int repetitions) {
    this.trino = requireNonNull(trino, "trino is null");
    this.repetitions = repetitions;
  }

  static String scanQuery(String table) {
    return "SELECT status, channel, count(*), sum(total_amount), approx_distinct(session_id) FROM "
        + table
        + " GROUP BY 1, 2";
  }

  static String filterQuery(String table, long fromOrderId) {
    return "SELECT count(*), sum(total_amount) FROM "
        + table
        + " WHERE order_id BETWEEN "
        + fromOrderId
        + " AND "
        + (fromOrderId + 99);
  }

  Times time(String schema, String table, long fromOrderId) throws SQLException {
    String name = "iceberg." + schema + ".\"" + table + "\"";
    long files =
        trino.scalar("SELECT count(*) FROM iceberg." + schema + ".\"" + table + "$files\"");
    return new Times(table, files, median(scanQuery(name)), median(filterQuery(name, fromOrderId)));
  }

  private double median(String sql) throws SQLException {
    trino.rows(sql);
    double[] seconds = new double[repetitions];
    for (int run = 0; run < repetitions; run++) {
      long start = System.nanoTime();
      trino.rows(sql);
      seconds[run] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[repetitions / 2];
  }
}
