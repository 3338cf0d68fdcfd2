package io.tributary.ingest;

import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

  /**
   * Kinesis coordinates: sequence numbers exceed a long, so they are kept as their decimal text;
   * the timestamp is the approximate arrival time, so day partitioning works as for Kafka.
   */
  static final Types.StructType KINESIS_SOURCE_TYPE =
      Types.StructType.of(
          Types.NestedField.required(10_001, "stream", Types.StringType.get()),
          Types.NestedField.required(10_002, "shard_id", Types.StringType.get()),
          Types.NestedField.required(10_003, "sequence_number", Types.StringType.get()),
          Types.NestedField.required(10_006, "sub_sequence_number", Types.LongType.get()),
          Types.NestedField.optional(10_004, "timestamp", Types.TimestampType.withZone()),
          Types.NestedField.optional(10_005, "partition_key", Types.StringType.get()));

  private SystemColumns() {}

  /** The columns a data table starts with, before any inferred column. */
  static List<Types.NestedField> initialColumns(boolean sourceColumn, SourceKind kind) {
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
        Types.NestedField.optional(1, SOURCE, sourceType(kind), "Source coordinates of the row"),
        rescued);
  }

  static Types.StructType sourceType(SourceKind kind) {
    return kind == SourceKind.KINESIS ? KINESIS_SOURCE_TYPE : SOURCE_TYPE;
  }

  static GenericRecord sourceStruct(Types.StructType type, SourceRecord record) {
    GenericRecord source = GenericRecord.create(type);
    source.setField(
        "timestamp",
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestampMillis()), ZoneOffset.UTC));
    if (type.field("shard_id") != null) {
      source.setField("stream", ParquetStrings.of(record.partition().stream()));
      source.setField("shard_id", ParquetStrings.of(record.partition().partition()));
      source.setField(
          "sequence_number", ParquetStrings.of(record.position().sequence().toString()));
      source.setField("sub_sequence_number", record.position().subSequence());
      source.setField(
          "partition_key",
          record.key() == null
              ? null
              : ParquetStrings.of(new String(record.key(), StandardCharsets.UTF_8)));
      return source;
    }
    source.setField("topic", ParquetStrings.of(record.partition().stream()));
    source.setField("partition", Integer.parseInt(record.partition().partition()));
    source.setField("offset", record.position().offset());
    source.setField("key", record.key() == null ? null : ByteBuffer.wrap(record.key()));
    return source;
  }
}
