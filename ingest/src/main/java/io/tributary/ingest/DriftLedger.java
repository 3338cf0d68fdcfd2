package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.TableProvisioner;
import io.tributary.schema.SchemaChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Every schema change of the data tables of a namespace, as rows of the Iceberg table {@code
 * <namespace>.tributary_drift_events}, so Trino and Athena can query drift like any table and the
 * admin API can serve it. One ledger per namespace keeps the catalog from filling with a ledger per
 * table.
 */
public final class DriftLedger {
  public static final String TABLE_NAME = "tributary_drift_events";

  static final Types.StructType CHANGE =
      Types.StructType.of(
          Types.NestedField.required(11, "kind", Types.StringType.get()),
          Types.NestedField.required(12, "path", Types.StringType.get()),
          Types.NestedField.optional(13, "type_before", Types.StringType.get()),
          Types.NestedField.optional(14, "type_after", Types.StringType.get()));

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "event_id", Types.StringType.get()),
          Types.NestedField.required(2, "pipeline", Types.StringType.get()),
          Types.NestedField.required(3, "table_name", Types.StringType.get()),
          Types.NestedField.optional(
              4,
              "schema_id_before",
              Types.IntegerType.get(),
              "Absent when the change created the table"),
          Types.NestedField.required(5, "schema_id_after", Types.IntegerType.get()),
          Types.NestedField.required(6, "changes", Types.ListType.ofRequired(10, CHANGE)),
          Types.NestedField.optional(
              7,
              "capped",
              Types.ListType.ofRequired(15, Types.StringType.get()),
              "Fields left without a column by a limit; their values are rescued"),
          Types.NestedField.required(8, "source_position", Types.StringType.get()),
          Types.NestedField.optional(9, "sample", Types.StringType.get(), "Redacted, truncated"),
          Types.NestedField.required(16, "event_time", Types.TimestampType.withZone()),
          transformsVersion());

  static final String TRANSFORMS_VERSION = "transforms_version";

  /** Ledgers created before it get the column on their next append. */
  private static Types.NestedField transformsVersion() {
    return Types.NestedField.optional(
        17,
        TRANSFORMS_VERSION,
        Types.StringType.get(),
        "Fingerprint of the transform steps in force; none without steps");
  }

  private final Catalog catalog;

  public DriftLedger(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public static TableIdentifier ledgerFor(TableIdentifier table) {
    return TableIdentifier.of(table.namespace(), TABLE_NAME);
  }

  /** Appends the event; the caller decides what a failure means. */
  void append(TableIdentifier dataTable, DriftEvent event) {
    Table ledger =
        new TableProvisioner(catalog)
            .loadOrCreate(
                ledgerFor(dataTable),
                SCHEMA,
                PartitionSpec.unpartitioned(),
                Map.of(TableProperties.FORMAT_VERSION, "2"));
    if (ledger.schema().findField(TRANSFORMS_VERSION) == null) {
      Types.NestedField column = transformsVersion();
      ledger.updateSchema().addColumn(column.name(), column.type(), column.doc()).commit();
      ledger.refresh();
    }
    List<DataFile> files =
        new DataFileWriter(ledger, event.eventId())
            .write(List.of(row(ledger.schema(), event)).iterator());
    AppendFiles append = ledger.newAppend();
    files.forEach(append::appendFile);
    append.commit();
  }

  /**
   * The table's events, oldest first, optionally only those touching a field and within a time
   * range.
   */
  public List<DriftEvent> events(
      TableIdentifier dataTable,
      Optional<String> field,
      Optional<Instant> since,
      Optional<Instant> until) {
    Table ledger;
    try {
      ledger = catalog.loadTable(ledgerFor(dataTable));
    } catch (NoSuchTableException noDriftYet) {
      return List.of();
    }
    List<DriftEvent> events = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(ledger)
            .where(Expressions.equal("table_name", dataTable.toString()))
            .build()) {
      for (Record row : rows) {
        DriftEvent event = event(row);
        if (field.map(event::touches).orElse(true)
            && since.map(s -> !event.time().isBefore(s)).orElse(true)
            && until.map(u -> event.time().isBefore(u)).orElse(true)) {
          events.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the drift ledger of " + dataTable, e);
    }
    events.sort(Comparator.comparing(DriftEvent::time).thenComparing(DriftEvent::schemaIdAfter));
    return events;
  }

  private static Record row(Schema schema, DriftEvent event) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField("event_id", event.eventId());
    row.setField("pipeline", event.pipeline());
    row.setField("table_name", event.table());
    row.setField("schema_id_before", event.schemaIdBefore().orElse(null));
    row.setField("schema_id_after", event.schemaIdAfter());
    Types.StructType changeType =
        schema.findField("changes").type().asListType().elementType().asStructType();
    List<Record> changes = new ArrayList<>();
    for (SchemaChange change : event.changes()) {
      GenericRecord changeRow = GenericRecord.create(changeType);
      changeRow.setField("kind", change.kind().name().toLowerCase(java.util.Locale.ROOT));
      changeRow.setField("path", change.path());
      changeRow.setField("type_before", change.typeBefore());
      changeRow.setField("type_after", change.typeAfter());
      changes.add(changeRow);
    }
    row.setField("changes", changes);
    row.setField("capped", event.capped());
    row.setField("source_position", event.sourcePosition());
    row.setField("sample", event.sample());
    row.setField("event_time", OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC));
    row.setField(TRANSFORMS_VERSION, event.transformsVersion().orElse(null));
    return row;
  }

  @SuppressWarnings("unchecked")
  private static DriftEvent event(Record row) {
    List<SchemaChange> changes = new ArrayList<>();
    for (Record change : (List<Record>) row.getField("changes")) {
      changes.add(
          new SchemaChange(
              SchemaChange.Kind.valueOf(
                  ((String) change.getField("kind")).toUpperCase(java.util.Locale.ROOT)),
              (String) change.getField("path"),
              (String) change.getField("type_before"),
              (String) change.getField("type_after")));
    }
    List<String> capped = (List<String>) row.getField("capped");
    String sample = (String) row.getField("sample");
    return new DriftEvent(
        (String) row.getField("event_id"),
        (String) row.getField("pipeline"),
        (String) row.getField("table_name"),
        Optional.ofNullable((Integer) row.getField("schema_id_before")),
        (Integer) row.getField("schema_id_after"),
        changes,
        capped == null ? List.of() : capped,
        (String) row.getField("source_position"),
        sample == null ? "" : sample,
        ((OffsetDateTime) row.getField("event_time")).toInstant(),
        row.struct().field(TRANSFORMS_VERSION) == null
            ? Optional.empty()
            : Optional.ofNullable((String) row.getField(TRANSFORMS_VERSION)));
  }
}
