package io.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.ColumnNames;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Places a JSON object into a row of the table's schema. A value that does not fit its column
 * exactly leaves the column null and is kept, under its JSON path, in {@code _rescued_data}:
 * nothing is rounded, truncated or dropped.
 */
final class RowConverter {
  private static final Object NO_FIT = new Object();

  private final Schema schema;

  RowConverter(Schema schema) {
    this.schema = schema;
  }

  org.apache.iceberg.data.Record convert(ObjectNode json, SourceRecord source) {
    ObjectNode rescued = JsonNodeFactory.instance.objectNode();
    GenericRecord row = struct(json, schema.asStruct(), "", rescued, true);
    Types.NestedField sourceField = schema.findField(SystemColumns.SOURCE);
    if (sourceField != null) {
      row.setField(
          SystemColumns.SOURCE,
          SystemColumns.sourceStruct(sourceField.type().asStructType(), source));
    }
    if (!rescued.isEmpty()) {
      row.setField(SystemColumns.RESCUED_DATA, rescued.toString());
    }
    return row;
  }

  private GenericRecord struct(
      JsonNode object, Types.StructType type, String path, ObjectNode rescued, boolean topLevel) {
    GenericRecord record = GenericRecord.create(type);
    Set<String> placed = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String fieldPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      String name = ColumnNames.normalize(entry.getKey());
      Types.NestedField field = type.field(name);
      boolean reserved = topLevel && name.startsWith("_") && isSystemColumn(name);
      if (field == null || reserved || !placed.add(name)) {
        // No column yet, a name that collides with one already placed, or a system column name.
        rescued.set(fieldPath, value);
        continue;
      }
      Object converted = value(value, field.type(), fieldPath, rescued);
      if (converted == NO_FIT) {
        rescued.set(fieldPath, value);
      } else {
        record.setField(name, converted);
      }
    }
    return record;
  }

  private static boolean isSystemColumn(String name) {
    return name.equals(SystemColumns.SOURCE) || name.equals(SystemColumns.RESCUED_DATA);
  }

  private Object value(JsonNode value, Type type, String path, ObjectNode rescued) {
    return switch (type.typeId()) {
      case BOOLEAN -> value.isBoolean() ? value.booleanValue() : NO_FIT;
      case INTEGER ->
          value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : NO_FIT;
      case LONG ->
          value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : NO_FIT;
      case DOUBLE -> exactDouble(value);
      case STRING -> text(value);
      case TIMESTAMP -> timestamp(value, ((Types.TimestampType) type).shouldAdjustToUTC());
      case STRUCT ->
          value.isObject() ? struct(value, type.asStructType(), path, rescued, false) : NO_FIT;
      case LIST -> list(value, type.asListType());
      default -> NO_FIT;
    };
  }

  private static Object exactDouble(JsonNode value) {
    if (!value.isNumber()) {
      return NO_FIT;
    }
    BigDecimal exact = value.decimalValue();
    double converted = exact.doubleValue();
    if (Double.isInfinite(converted) || BigDecimal.valueOf(converted).compareTo(exact) != 0) {
      return NO_FIT;
    }
    return converted;
  }

  private static Object text(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    // A number or boolean in a string column is kept as its exact JSON text.
    if (value.isNumber() || value.isBoolean()) {
      return value.toString();
    }
    return NO_FIT;
  }

  private static Object timestamp(JsonNode value, boolean withZone) {
    if (!withZone || !value.isTextual()) {
      return NO_FIT;
    }
    try {
      OffsetDateTime parsed = OffsetDateTime.parse(value.textValue());
      // Iceberg keeps microseconds; finer digits would be lost.
      return parsed.getNano() % 1_000 == 0 ? parsed : NO_FIT;
    } catch (DateTimeParseException e) {
      return NO_FIT;
    }
  }

  private Object list(JsonNode value, Types.ListType type) {
    if (!value.isArray()) {
      return NO_FIT;
    }
    List<Object> elements = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (element.isNull()) {
        elements.add(null);
        continue;
      }
      Object converted = listElement(element, type.elementType());
      if (converted == NO_FIT) {
        // The whole array is rescued so that its order and length stay intact.
        return NO_FIT;
      }
      elements.add(converted);
    }
    return elements;
  }

  private Object listElement(JsonNode element, Type type) {
    if (type.typeId() == Type.TypeID.STRING && (element.isObject() || element.isArray())) {
      // Mixed arrays are list<string>: their non-text elements are kept as JSON text.
      return element.toString();
    }
    ObjectNode nestedRescue = JsonNodeFactory.instance.objectNode();
    Object converted = value(element, type, "", nestedRescue);
    return nestedRescue.isEmpty() ? converted : NO_FIT;
  }
}
