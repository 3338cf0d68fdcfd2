package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.transform.Transforms;
import io.tributary.schema.SchemaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What one pipeline does with its records: the tables they go to, how tables are partitioned, where
 * undecodable records go, and how often data is committed.
 *
 * @param sourceColumn whether rows carry their source coordinates in a {@code _source} column
 * @param tableOverrides per-table partitioning and properties, over the pipeline's defaults
 * @param partitionBy transform expressions; empty means {@code day(event time)}, or the day of the
 *     broker timestamp when no event-time field is configured
 * @param maxBufferedBytes buffered bytes that trigger an early commit and, if that commit cannot
 *     run, pause reading
 * @param sourceKind the kind of stream read, which fixes the shape of the {@code _source} column
 * @param schema how table schemas are inferred and evolved
 * @param decoding how record values are encoded
 * @param transforms the steps records go through between routing and schema placement
 */
public record PipelineSettings(
    String name,
    RouteSettings route,
    TableIdentifier deadLetterTable,
    boolean sourceColumn,
    List<String> partitionBy,
    Optional<String> eventTimeField,
    Duration commitInterval,
    long maxBufferedBytes,
    int maxRecordBytes,
    Map<String, String> tableProperties,
    Map<TableIdentifier, TableLayoutOverride> tableOverrides,
    SourceKind sourceKind,
    SchemaSettings schema,
    DecodingSettings decoding,
    Transforms transforms) {
  public PipelineSettings {
    requireNonNull(transforms, "transforms is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(decoding, "decoding is null");
    requireNonNull(name, "name is null");
    requireNonNull(route, "route is null");
    requireNonNull(deadLetterTable, "deadLetterTable is null");
    partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
    partitionBy.forEach(PartitionSpecs::check);
    requireNonNull(eventTimeField, "eventTimeField is null");
    requireNonNull(commitInterval, "commitInterval is null");
    tableProperties = Map.copyOf(requireNonNull(tableProperties, "tableProperties is null"));
    tableOverrides = Map.copyOf(requireNonNull(tableOverrides, "tableOverrides is null"));
    requireNonNull(sourceKind, "sourceKind is null");
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
    if (route.table().equals(Optional.of(deadLetterTable))
        || route.defaultTable().equals(Optional.of(deadLetterTable))
        || route.rules().stream().anyMatch(rule -> rule.table().equals(deadLetterTable))) {
      throw new IllegalArgumentException(
          "the dead-letter table " + deadLetterTable + " must not also be a route target");
    }
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "pipeline name '" + name + "' may only hold letters, digits, '_' and '-'");
    }
  }

  /** Without transforms. */
  public PipelineSettings(
      String name,
      RouteSettings route,
      TableIdentifier deadLetterTable,
      boolean sourceColumn,
      List<String> partitionBy,
      Optional<String> eventTimeField,
      Duration commitInterval,
      long maxBufferedBytes,
      int maxRecordBytes,
      Map<String, String> tableProperties,
      Map<TableIdentifier, TableLayoutOverride> tableOverrides,
      SourceKind sourceKind,
      SchemaSettings schema,
      DecodingSettings decoding) {
    this(
        name,
        route,
        deadLetterTable,
        sourceColumn,
        partitionBy,
        eventTimeField,
        commitInterval,
        maxBufferedBytes,
        maxRecordBytes,
        tableProperties,
        tableOverrides,
        sourceKind,
        schema,
        decoding,
        Transforms.none());
  }

  /**
   * The partition transforms of a table: its override, else the pipeline's, else the day of the
   * event time, else of the broker time.
   */
  List<String> partitionBy(TableIdentifier table) {
    Optional<List<String>> own =
        Optional.ofNullable(tableOverrides.get(table)).flatMap(TableLayoutOverride::partitionBy);
    if (own.isPresent()) {
      return own.get();
    }
    if (!partitionBy.isEmpty()) {
      return partitionBy;
    }
    if (eventTimeField.isPresent()) {
      return List.of("day(" + eventTimeField.get() + ")");
    }
    return sourceColumn ? List.of("day(" + SystemColumns.SOURCE + ".timestamp)") : List.of();
  }

  /** The Iceberg properties a table is created with: the pipeline's, then the table's own. */
  Map<String, String> tableProperties(TableIdentifier table) {
    TableLayoutOverride override = tableOverrides.get(table);
    if (override == null) {
      return tableProperties;
    }
    Map<String, String> properties = new java.util.HashMap<>(tableProperties);
    properties.putAll(override.properties());
    return properties;
  }
}
