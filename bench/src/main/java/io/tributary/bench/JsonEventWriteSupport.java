package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes parsed JSON objects straight into Parquet columns of a fixed schema: the least work a JSON
 * to Parquet writer can do. Missing and null fields are left out; ISO-8601 strings go into
 * timestamp columns as microseconds.
 */
final class JsonEventWriteSupport extends WriteSupport<JsonNode> {
  private final MessageType schema;
  private RecordConsumer consumer;

  JsonEventWriteSupport(MessageType schema) {
    this.schema = requireNonNull(schema, "schema is null");
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(JsonNode record) {
    consumer.startMessage();
    writeFields(schema, record);
    consumer.endMessage();
  }

  private void writeFields(GroupType type, JsonNode node) {
    for (int index = 0; index < type.getFieldCount(); index++) {
      Type field = type.getType(index);
      JsonNode value = node.get(field.getName());
      if (value == null || value.isNull()) {
        continue;
      }
      consumer.startField(field.getName(), index);
      writeValue(field, value);
      consumer.endField(field.getName(), index);
    }
  }

  private void writeValue(Type field, JsonNode value) {
    if (field.isPrimitive()) {
      writePrimitive(field.asPrimitiveType(), value);
    } else if (field.getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      writeList(field.asGroupType(), value);
    } else {
      consumer.startGroup();
      writeFields(field.asGroupType(), value);
      consumer.endGroup();
    }
  }

  // The three-level list layout: <list> { repeated group list { element } }.
  private void writeList(GroupType listType, JsonNode array) {
    consumer.startGroup();
    if (!array.isEmpty()) {
      Type element = listType.getType(0).asGroupType().getType(0);
      consumer.startField("list", 0);
      for (JsonNode item : array) {
        consumer.startGroup();
        if (!item.isNull()) {
          consumer.startField(element.getName(), 0);
          writeValue(element, item);
          consumer.endField(element.getName(), 0);
        }
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
  }

  private void writePrimitive(PrimitiveType type, JsonNode value) {
    switch (type.getPrimitiveTypeName()) {
      case INT64 -> {
        if (value.isTextual()) {
          consumer.addLong(
              ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(value.textValue())));
        } else {
          consumer.addLong(value.asLong());
        }
      }
      case INT32 -> consumer.addInteger(value.asInt());
      case DOUBLE -> consumer.addDouble(value.asDouble());
      case BOOLEAN -> consumer.addBoolean(value.asBoolean());
      case BINARY -> consumer.addBinary(Binary.fromString(value.asText()));
      default -> throw new IllegalArgumentException("unsupported column type " + type);
    }
  }
}
