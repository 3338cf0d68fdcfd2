package io.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.AvroTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro datum as the JSON the rest of the pipeline places: numbers exact, enums, uuids and times
 * as text, dates and timestamps as ISO-8601 text, bytes and fixed as base64 text (their columns are
 * binary), {@code [null, T]} as the value, other unions as an object keyed by the branch.
 */
final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private AvroJson() {}

  static ObjectNode object(GenericRecord record) {
    ObjectNode object = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      object.set(field.name(), value(record.get(field.pos()), field.schema()));
    }
    return object;
  }

  private static JsonNode value(Object datum, Schema schema) {
    if (datum == null) {
      return NODES.nullNode();
    }
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case NULL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode((Boolean) datum);
      case INT -> intValue((Integer) datum, logical);
      case LONG -> longValue((Long) datum, logical);
      case FLOAT -> NODES.numberNode(new BigDecimal(Float.toString((Float) datum)));
      case DOUBLE -> NODES.numberNode(BigDecimal.valueOf((Double) datum));
      case STRING, ENUM -> NODES.textNode(datum.toString());
      case BYTES -> bytes(((ByteBuffer) datum).duplicate(), logical);
      case FIXED -> bytes(ByteBuffer.wrap(((GenericFixed) datum).bytes()), logical);
      case ARRAY -> array((Collection<?>) datum, schema.getElementType());
      case MAP -> map((Map<?, ?>) datum, schema.getValueType());
      case RECORD -> object((GenericRecord) datum);
      case UNION -> union(datum, schema);
    };
  }

  private static JsonNode intValue(int value, LogicalType logical) {
    if (logical instanceof LogicalTypes.Date) {
      return NODES.textNode(LocalDate.ofEpochDay(value).toString());
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return NODES.textNode(LocalTime.ofNanoOfDay(value * 1_000_000L).toString());
    }
    return NODES.numberNode(value);
  }

  private static JsonNode longValue(long value, LogicalType logical) {
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(value).toString());
    }
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return NODES.textNode(micros(value).toString());
    }
    if (logical instanceof LogicalTypes.LocalTimestampMillis) {
      return NODES.textNode(
          LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC).toString());
    }
    if (logical instanceof LogicalTypes.LocalTimestampMicros) {
      return NODES.textNode(LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC).toString());
    }
    if (logical instanceof LogicalTypes.TimeMicros) {
      return NODES.textNode(LocalTime.ofNanoOfDay(value * 1_000L).toString());
    }
    return NODES.numberNode(value);
  }

  private static Instant micros(long value) {
    return Instant.ofEpochSecond(
        Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
  }

  private static JsonNode bytes(ByteBuffer buffer, LogicalType logical) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return NODES.numberNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()));
    }
    return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
  }

  private static JsonNode array(Collection<?> values, Schema element) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(value -> array.add(value(value, element)));
    return array;
  }

  private static JsonNode map(Map<?, ?> values, Schema valueSchema) {
    ObjectNode object = NODES.objectNode();
    values.forEach((key, value) -> object.set(key.toString(), value(value, valueSchema)));
    return object;
  }

  private static JsonNode union(Object datum, Schema union) {
    int index = GenericData.get().resolveUnion(union, datum);
    Schema branch = union.getTypes().get(index);
    List<Schema> valueBranches = AvroTypes.valueBranches(union);
    if (valueBranches.size() == 1) {
      return value(datum, branch);
    }
    ObjectNode object = NODES.objectNode();
    object.set(AvroTypes.branchName(branch), value(datum, branch));
    return object;
  }
}
