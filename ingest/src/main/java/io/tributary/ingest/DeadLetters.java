package io.tributary.ingest;

import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** The dead-letter table: records that could not become rows, kept whole with their error. */
final class DeadLetters {
  static final String VALUE_FORM = "value_form";

  private DeadLetters() {}

  /** The dead-letter schema; its {@code _source} column has the shape of the source's kind. */
  static Schema schema(SourceKind kind) {
    return new Schema(
        List.of(
            Types.NestedField.required(1, SystemColumns.SOURCE, SystemColumns.sourceType(kind)),
            Types.NestedField.optional(
                20,
                "headers",
                Types.MapType.ofOptional(21, 22, Types.StringType.get(), Types.BinaryType.get())),
            Types.NestedField.optional(23, "raw_value", Types.BinaryType.get()),
            Types.NestedField.required(24, "error_class", Types.StringType.get()),
            Types.NestedField.required(25, "error_message", Types.StringType.get()),
            Types.NestedField.required(26, "failed_at", Types.TimestampType.withZone()),
            valueForm()));
  }

  /**
   * What {@code raw_value} holds: {@code raw} (the record's bytes), {@code masked} (the record as
   * JSON after its pipeline's transforms, masked fields masked) or {@code none} (a pipeline that
   * masks fields keeps no bytes it could not mask). Tables created before it had the column get it
   * on their next write.
   */
  static Types.NestedField valueForm() {
    return Types.NestedField.optional(
        27, VALUE_FORM, Types.StringType.get(), "raw | masked | none: what raw_value holds");
  }

  static PartitionSpec spec(Schema schema) {
    return PartitionSpec.builderFor(schema).day("failed_at").build();
  }

  /**
   * The dead-letter row of a record.
   *
   * @param keepRaw whether the raw bytes may be kept; otherwise the masked parse, or nothing
   */
  static Record row(Schema schema, SourceRecord source, DeadLetter error, boolean keepRaw) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField(
        SystemColumns.SOURCE,
        SystemColumns.sourceStruct(
            schema.findField(SystemColumns.SOURCE).type().asStructType(), source));
    Map<String, ByteBuffer> headers = new HashMap<>();
    source
        .headers()
        .forEach((key, value) -> headers.put(key, value == null ? null : ByteBuffer.wrap(value)));
    row.setField("headers", headers);
    if (keepRaw) {
      row.setField("raw_value", source.value() == null ? null : ByteBuffer.wrap(source.value()));
    } else {
      row.setField(
          "raw_value",
          error
              .maskedParse()
              .map(parse -> ByteBuffer.wrap(parse.toString().getBytes(StandardCharsets.UTF_8)))
              .orElse(null));
    }
    if (schema.findField(VALUE_FORM) != null) {
      row.setField(
          VALUE_FORM, keepRaw ? "raw" : error.maskedParse().isPresent() ? "masked" : "none");
    }
    row.setField("error_class", error.errorClass());
    row.setField("error_message", truncate(error.message()));
    row.setField("failed_at", OffsetDateTime.now(ZoneOffset.UTC));
    return row;
  }

  private static String truncate(String message) {
    // Messages name the record first; a huge one (a parser echoing input) is cut, not dropped.
    return message.length() <= 4096 ? message : message.substring(0, 4096) + "...";
  }
}
