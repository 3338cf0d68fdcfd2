package io.tributary.ingest;

import io.tributary.ingest.source.SourceRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;

/**
 * Columns Tributary adds to every data table: where each row came from, and the values that could
 * not be placed in a typed column.
 */
final class SystemColumns {
  static final String SOURCE = "_source";
  static final String RESCUED_DATA = "_rescued_data";

  static final Types.StructType SOURCE_TYPE =
      Types.StructType.of(
          Types.NestedField.required(10_001, "topic", Types.StringType.get()),
          Types.NestedField.required(10_002, "partition", Types.IntegerType.get()),
          Types.NestedField.required(10_003, "offset", Types.LongType.get()),
          Types.NestedField.optional(10_004, "timestamp", Types.TimestampType.withZone()),
          Types.NestedField.optional(10_005, "key", Types.BinaryType.get()));

  private SystemColumns() {}

  /** The columns a data table starts with, before any inferred column. */
  static List<Types.NestedField> initialColumns(boolean sourceColumn) {
    Types.NestedField rescued =
        Types.NestedField.optional(
            2,
            RESCUED_DATA,
            Types.StringType.get(),
            "Values that did not fit their column, as a JSON object keyed by JSON path");
    if (!sourceColumn) {
      return List.of(rescued);
    }
    return List.of(
        Types.NestedField.optional(1, SOURCE, SOURCE_TYPE, "Source coordinates of the row"),
        rescued);
  }

  static GenericRecord sourceStruct(Types.StructType type, SourceRecord record) {
    GenericRecord source = GenericRecord.create(type);
    source.setField("topic", record.partition().stream());
    source.setField("partition", Integer.parseInt(record.partition().partition()));
    source.setField("offset", record.position());
    source.setField(
        "timestamp",
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestampMillis()), ZoneOffset.UTC));
    source.setField("key", record.key() == null ? null : ByteBuffer.wrap(record.key()));
    return source;
  }
}
