package io.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.ColumnRetype;
import io.tributary.schema.ExactNumbers;
import io.tributary.schema.SchemaChange;
import io.tributary.schema.SchemaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A young table changes its mind: a top-level column created from thin evidence (a long {@code
 * title} because the first records had numeric titles) is dropped and added again with the type the
 * evidence now supports, and the table's few data files are rewritten into it, in one Iceberg
 * transaction: the old values move into the new column when they convert exactly (a long as its
 * text), otherwise into {@code _rescued_data}; values rescued earlier under the column's name move
 * into it when they fit. Rows keep their {@code _source} positions; the snapshot ancestry keeps the
 * commit positions. After the young window, types only widen legally.
 */
final class YoungTableRetype {
  private static final SourceRecord NO_SOURCE =
      new SourceRecord(SourcePartition.kafka("retype", 0), 0, 0, null, null, Map.of());

  private final SchemaSettings settings;

  YoungTableRetype(SchemaSettings settings) {
    this.settings = settings;
  }

  /** The retypes this table may make now: it is young, and the change is one this class makes. */
  List<ColumnRetype> applicable(Table table, List<ColumnRetype> contested) {
    if (contested.isEmpty() || !isYoung(table)) {
      return List.of();
    }
    List<ColumnRetype> applicable = new ArrayList<>();
    for (ColumnRetype retype : contested) {
      if (supported(retype) && !isPartitionSource(table, retype.name())) {
        applicable.add(retype);
      }
    }
    return applicable;
  }

  private boolean isYoung(Table table) {
    if (settings.youngTableCommits() == 0) {
      return false;
    }
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return true;
    }
    int commits = 0;
    for (Snapshot ignored : SnapshotUtil.currentAncestors(table)) {
      if (++commits > settings.youngTableCommits()) {
        return false;
      }
    }
    String rows = current.summary().get("total-records");
    return rows == null || Long.parseLong(rows) <= SchemaSettings.YOUNG_TABLE_MAX_ROWS;
  }

  /** To string from any scalar, or long to double: a target that holds the evidence exactly. */
  private static boolean supported(ColumnRetype retype) {
    Type.TypeID from = retype.from().typeId();
    Type.TypeID to = retype.to().typeId();
    boolean scalar =
        from == Type.TypeID.LONG
            || from == Type.TypeID.INTEGER
            || from == Type.TypeID.BOOLEAN
            || from == Type.TypeID.DOUBLE
            || from == Type.TypeID.DECIMAL;
    return (to == Type.TypeID.STRING && scalar)
        || (to == Type.TypeID.DOUBLE && from == Type.TypeID.LONG);
  }

  private static boolean isPartitionSource(Table table, String column) {
    Types.NestedField field = table.schema().findField(column);
    for (PartitionField partition : table.spec().fields()) {
      if (field != null && partition.sourceId() == field.fieldId()) {
        return true;
      }
    }
    return false;
  }

  /** Re-types the columns and rewrites the data files, in one commit; returns the changes. */
  List<SchemaChange> apply(Table table, List<ColumnRetype> retypes) {
    Schema before = table.schema();
    Snapshot snapshot = table.currentSnapshot();
    Transaction transaction = table.newTransaction();
    UpdateSchema update = transaction.updateSchema();
    List<SchemaChange> changes = new ArrayList<>();
    for (ColumnRetype retype : retypes) {
      Types.NestedField old = before.findField(retype.name());
      update.deleteColumn(retype.name());
      update.addColumn(retype.name(), retype.to(), old.doc());
      changes.add(
          new SchemaChange(
              SchemaChange.Kind.DROPPED, retype.name(), retype.from().toString(), null));
      changes.add(
          new SchemaChange(SchemaChange.Kind.ADDED, retype.name(), null, retype.to().toString()));
    }
    update.commit();
    if (snapshot != null) {
      rewrite(table, transaction, snapshot, before, retypes);
    }
    transaction.commitTransaction();
    return changes;
  }

  private void rewrite(
      Table table,
      Transaction transaction,
      Snapshot snapshot,
      Schema before,
      List<ColumnRetype> retypes) {
    Table staged = transaction.table();
    Schema after = staged.schema();
    List<DataFile> oldFiles = new ArrayList<>();
    List<DataFile> newFiles;
    try (CloseableIterable<FileScanTask> tasks =
            table.newScan().useSnapshot(snapshot.snapshotId()).planFiles();
        CloseableIterable<Record> rows =
            IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).build()) {
      tasks.forEach(task -> oldFiles.add(task.file()));
      Iterator<Record> source = rows.iterator();
      Iterator<Record> moved =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return source.hasNext();
            }

            @Override
            public Record next() {
              return move(source.next(), before, after, retypes);
            }
          };
      newFiles = new DataFileWriter(staged, "retype-" + UUID.randomUUID()).write(moved);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot rewrite the data files of " + table.name(), e);
    }
    RewriteFiles rewrite = transaction.newRewrite().validateFromSnapshot(snapshot.snapshotId());
    oldFiles.forEach(rewrite::deleteFile);
    newFiles.forEach(rewrite::addFile);
    rewrite.commit();
  }

  private Record move(Record old, Schema before, Schema after, List<ColumnRetype> retypes) {
    GenericRecord row = GenericRecord.create(after.asStruct());
    for (Types.NestedField field : after.columns()) {
      if (before.findField(field.fieldId()) != null) {
        row.setField(field.name(), old.getField(field.name()));
      }
    }
    ObjectNode rescued = rescued(old);
    for (ColumnRetype retype : retypes) {
      String key = sourceName(before, retype.name());
      Object value = old.getField(retype.name());
      if (value != null) {
        Object converted = convert(value, retype);
        if (converted != null) {
          row.setField(retype.name(), converted);
        } else {
          rescued.set(key, json(value));
        }
      } else if (rescued.has(key)) {
        Object placed = place(rescued.get(key), retype, after.findField(retype.name()));
        if (placed != null) {
          row.setField(retype.name(), placed);
          rescued.remove(key);
        }
      }
    }
    row.setField(
        SystemColumns.RESCUED_DATA,
        rescued.isEmpty() ? null : ParquetStrings.of(rescued.toString()));
    return row;
  }

  private static ObjectNode rescued(Record old) {
    Object text = old.getField(SystemColumns.RESCUED_DATA);
    if (text == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return (ObjectNode) JsonDecoder.readExact(text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read _rescued_data " + text, e);
    }
  }

  /** The key values of the column are rescued under: the source's own name, kept as the doc. */
  private static String sourceName(Schema schema, String column) {
    String doc = schema.findField(column).doc();
    return doc == null ? column : doc;
  }

  /** An old typed value in the new type when that is exact; a double's written form is unknown. */
  private static Object convert(Object value, ColumnRetype retype) {
    if (retype.to().typeId() == Type.TypeID.STRING) {
      return value instanceof Long || value instanceof Integer || value instanceof Boolean
          ? ParquetStrings.of(value.toString())
          : null;
    }
    long number = (Long) value;
    return ExactNumbers.fitsDouble(BigDecimal.valueOf(number)) ? (double) number : null;
  }

  private static JsonNode json(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
    if (value instanceof Long number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Integer number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return nodes.booleanNode(bool);
    }
    if (value instanceof Double number) {
      return nodes.numberNode(number);
    }
    if (value instanceof BigDecimal number) {
      return nodes.numberNode(number);
    }
    return nodes.textNode(value.toString());
  }

  /** A value rescued earlier, placed by the same rules as a new value, or null. */
  private Object place(JsonNode value, ColumnRetype retype, Types.NestedField column) {
    Schema single =
        new Schema(
            Types.NestedField.optional(1, SystemColumns.RESCUED_DATA, Types.StringType.get()),
            Types.NestedField.optional(2, column.name(), retype.to(), column.doc()));
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.set(column.doc() == null ? column.name() : column.doc(), value);
    return new RowConverter(single, settings, path -> {})
        .convert(object, NO_SOURCE)
        .getField(column.name());
  }
}
