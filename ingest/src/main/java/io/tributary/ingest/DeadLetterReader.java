package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the newest rows of a dead-letter table, for the admin API. The table is partitioned by day
 * of failure, so a time bound prunes everything older; at most {@code limit} rows are held.
 */
public final class DeadLetterReader {
  private static final Comparator<Record> BY_FAILURE_TIME =
      Comparator.comparing(row -> (OffsetDateTime) row.getField("failed_at"));

  private final Table table;

  public DeadLetterReader(Table table) {
    this.table = requireNonNull(table, "table is null");
  }

  /** The newest dead letters that failed at or after {@code since}, newest first. */
  public List<Record> newest(Instant since, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    PriorityQueue<Record> newest = new PriorityQueue<>(BY_FAILURE_TIME);
    long sinceMicros = ChronoUnit.MICROS.between(Instant.EPOCH, since);
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table)
            .where(Expressions.greaterThanOrEqual("failed_at", sinceMicros))
            .build()) {
      for (Record row : rows) {
        newest.add(row);
        if (newest.size() > limit) {
          newest.poll();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dead letters of " + table.name(), e);
    }
    List<Record> result = new ArrayList<>(newest);
    result.sort(BY_FAILURE_TIME.reversed());
    return result;
  }
}
