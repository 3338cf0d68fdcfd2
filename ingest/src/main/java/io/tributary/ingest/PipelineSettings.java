package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What one pipeline does with its records: the table they go to, how that table is partitioned,
 * where undecodable records go, and how often data is committed.
 *
 * @param partitionBy transform expressions; empty means {@code day(event time)}, or the day of the
 *     broker timestamp when no event-time field is configured
 * @param maxBufferedBytes buffered bytes that trigger an early commit and, if that commit cannot
 *     run, pause reading
 */
public record PipelineSettings(
    String name,
    TableIdentifier table,
    TableIdentifier deadLetterTable,
    List<String> partitionBy,
    Optional<String> eventTimeField,
    Duration commitInterval,
    long maxBufferedBytes,
    int maxRecordBytes,
    Map<String, String> tableProperties) {
  public PipelineSettings {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    requireNonNull(deadLetterTable, "deadLetterTable is null");
    partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
    requireNonNull(eventTimeField, "eventTimeField is null");
    requireNonNull(commitInterval, "commitInterval is null");
    tableProperties = Map.copyOf(requireNonNull(tableProperties, "tableProperties is null"));
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("commit interval must be positive: " + commitInterval);
    }
    if (maxBufferedBytes <= 0) {
      throw new IllegalArgumentException(
          "max buffered bytes must be positive: " + maxBufferedBytes);
    }
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("max record bytes must be positive: " + maxRecordBytes);
    }
    if (table.equals(deadLetterTable)) {
      throw new IllegalArgumentException("the dead-letter table must differ from " + table);
    }
  }

  List<String> effectivePartitionBy() {
    if (!partitionBy.isEmpty()) {
      return partitionBy;
    }
    return List.of(
        eventTimeField
            .map(field -> "day(" + field + ")")
            .orElse("day(" + SystemColumns.SOURCE + ".timestamp)"));
  }
}
