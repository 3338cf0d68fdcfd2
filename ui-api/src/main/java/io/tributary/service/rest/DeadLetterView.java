package io.tributary.service.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * One dead letter as the admin API shows it: where it came from, why it failed, and the start of
 * its raw value as text (invalid UTF-8 shown as replacement characters). For a caller who may not
 * see payloads, the value and the record key (Kafka's {@code key}, Kinesis's {@code partition_key})
 * are left out and {@code payloadHidden} is true.
 */
public record DeadLetterView(
    Map<String, Object> source,
    String errorClass,
    String errorMessage,
    Instant failedAt,
    String valuePreview,
    int valueBytes,
    String valueForm,
    boolean payloadHidden) {
  private static final int PREVIEW_BYTES = 1024;
  private static final Set<String> KEY_FIELDS = Set.of("key", "partition_key");

  static DeadLetterView of(Record row, boolean payloadVisible) {
    ByteBuffer value = (ByteBuffer) row.getField("raw_value");
    return new DeadLetterView(
        source((Record) row.getField("_source"), payloadVisible),
        (String) row.getField("error_class"),
        (String) row.getField("error_message"),
        ((OffsetDateTime) row.getField("failed_at")).toInstant(),
        value == null || !payloadVisible ? null : preview(value),
        value == null ? 0 : value.remaining(),
        valueForm(row),
        !payloadVisible);
  }

  DeadLetterView withErrorMessage(String message) {
    return new DeadLetterView(
        source, errorClass, message, failedAt, valuePreview, valueBytes, valueForm, payloadHidden);
  }

  /** {@code raw}, {@code masked} or {@code none}; rows from before the column are raw. */
  private static String valueForm(Record row) {
    if (row.struct().field("value_form") == null) {
      return "raw";
    }
    Object form = row.getField("value_form");
    return form == null ? "raw" : (String) form;
  }

  private static Map<String, Object> source(Record source, boolean payloadVisible) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Types.StructType type = source.struct();
    for (int position = 0; position < type.fields().size(); position++) {
      String name = type.fields().get(position).name();
      if (payloadVisible || !KEY_FIELDS.contains(name)) {
        Object value = ((StructLike) source).get(position, Object.class);
        fields.put(name, display(value));
      }
    }
    return fields;
  }

  private static Object display(Object value) {
    if (value instanceof ByteBuffer bytes) {
      return preview(bytes);
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant().toString();
    }
    return value;
  }

  private static String preview(ByteBuffer value) {
    ByteBuffer head = value.duplicate();
    head.limit(head.position() + Math.min(head.remaining(), PREVIEW_BYTES));
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(head)
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("replacing decoder failed", e);
    }
  }
}
