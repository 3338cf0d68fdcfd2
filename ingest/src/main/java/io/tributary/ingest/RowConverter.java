package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.ColumnNames;
import io.tributary.schema.EpochUnit;
import io.tributary.schema.ExactNumbers;
import io.tributary.schema.FieldHint;
import io.tributary.schema.SchemaSettings;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Places a JSON object into a row of the table's schema. A value that does not fit its column
 * exactly leaves the column null and is kept, under its JSON path, in {@code _rescued_data} (or,
 * under the sibling policy, in a typed sibling column {@code <name>__<type>} that fits it): nothing
 * is rounded, truncated or dropped.
 */
final class RowConverter {
  private static final Object NO_FIT = new Object();

  private final Schema schema;
  private final SchemaSettings settings;
  private final Consumer<String> rescues;

  /**
   * @param rescues told the normalized path of every rescued value, to count rescues per field
   */
  RowConverter(Schema schema, SchemaSettings settings, Consumer<String> rescues) {
    this.schema = requireNonNull(schema, "schema is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.rescues = requireNonNull(rescues, "rescues is null");
  }

  RowConverter(Schema schema) {
    this(schema, SchemaSettings.defaults(), path -> {});
  }

  org.apache.iceberg.data.Record convert(ObjectNode json, SourceRecord source) {
    ObjectNode rescued = JsonNodeFactory.instance.objectNode();
    GenericRecord row = struct(json, schema.asStruct(), new Path("", ""), rescued, true);
    Types.NestedField sourceField = schema.findField(SystemColumns.SOURCE);
    if (sourceField != null) {
      row.setField(
          SystemColumns.SOURCE,
          SystemColumns.sourceStruct(sourceField.type().asStructType(), source));
    }
    if (!rescued.isEmpty()) {
      row.setField(SystemColumns.RESCUED_DATA, ParquetStrings.of(rescued.toString()));
    }
    return row;
  }

  /**
   * A JSON path with the source's own names, and the column path it normalizes to. Built lazily:
   * most values fit their column and never need their path as text.
   */
  private static final class Path {
    private final Path parent;
    private final String key;
    private final String name;
    private String json;
    private String column;

    Path(String json, String column) {
      this.parent = null;
      this.key = null;
      this.name = null;
      this.json = json;
      this.column = column;
    }

    private Path(Path parent, String key, String name) {
      this.parent = parent;
      this.key = key;
      this.name = name;
    }

    Path child(String childKey, String childName) {
      return new Path(this, childKey, childName);
    }

    String json() {
      if (json == null) {
        String parentJson = parent.json();
        json = parentJson.isEmpty() ? key : parentJson + "." + key;
      }
      return json;
    }

    String column() {
      if (column == null) {
        String parentColumn = parent.column();
        column = parentColumn.isEmpty() ? name : parentColumn + "." + name;
      }
      return column;
    }
  }

  private GenericRecord struct(
      JsonNode object, Types.StructType type, Path path, ObjectNode rescued, boolean topLevel) {
    GenericRecord record = GenericRecord.create(type);
    Set<String> placed = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      String name = ColumnNames.normalize(entry.getKey());
      Path fieldPath = path.child(entry.getKey(), name);
      Types.NestedField field = type.field(name);
      boolean reserved = topLevel && name.startsWith("_") && isSystemColumn(name);
      if (field == null
          || reserved
          || !placed.add(name)
          || isOtherSourceName(field, entry.getKey(), name)) {
        // No column yet, a name that collides with one already placed, or a system column name.
        rescue(rescued, fieldPath, value);
        continue;
      }
      Object converted = value(value, field.type(), fieldPath, rescued);
      if (converted != NO_FIT) {
        record.setField(name, converted);
      } else if (!placeInSibling(record, type, name, value, fieldPath, rescued)) {
        rescue(rescued, fieldPath, value);
      }
    }
    return record;
  }

  private void rescue(ObjectNode rescued, Path path, JsonNode value) {
    rescued.set(path.json(), value);
    rescues.accept(path.column());
  }

  /**
   * The column was created for another source name that normalizes the same way (its doc keeps the
   * original name): the later name is rescued rather than mixed into the column.
   */
  private static boolean isOtherSourceName(Types.NestedField field, String key, String name) {
    String original = field.doc();
    return original != null
        && !original.equals(key)
        && ColumnNames.normalize(original).equals(name);
  }

  private boolean placeInSibling(
      GenericRecord record,
      Types.StructType type,
      String name,
      JsonNode value,
      Path path,
      ObjectNode rescued) {
    if (settings.typeConflict() != SchemaSettings.TypeConflict.SIBLING) {
      return false;
    }
    String prefix = name + "__";
    for (Types.NestedField sibling : type.fields()) {
      if (sibling.name().startsWith(prefix) && record.getField(sibling.name()) == null) {
        Object converted = value(value, sibling.type(), path, rescued);
        if (converted != NO_FIT) {
          record.setField(sibling.name(), converted);
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSystemColumn(String name) {
    return name.equals(SystemColumns.SOURCE) || name.equals(SystemColumns.RESCUED_DATA);
  }

  private Object value(JsonNode value, Type type, Path path, ObjectNode rescued) {
    return switch (type.typeId()) {
      case BOOLEAN -> value.isBoolean() ? value.booleanValue() : NO_FIT;
      case INTEGER ->
          value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : NO_FIT;
      case LONG ->
          value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : NO_FIT;
      case FLOAT -> exactFloat(value);
      case DOUBLE -> exactDouble(value);
      case DECIMAL -> exactDecimal(value, (Types.DecimalType) type);
      case STRING -> text(value);
      case TIMESTAMP -> timestamp(value, (Types.TimestampType) type, path);
      case DATE -> date(value);
      case BINARY -> binary(value);
      case STRUCT ->
          value.isObject() ? struct(value, type.asStructType(), path, rescued, false) : NO_FIT;
      case LIST -> list(value, type.asListType(), path);
      case MAP -> map(value, type.asMapType(), path, rescued);
      default -> NO_FIT;
    };
  }

  private static Object exactDouble(JsonNode value) {
    if (!value.isNumber()) {
      return NO_FIT;
    }
    BigDecimal exact = value.decimalValue();
    return ExactNumbers.fitsDouble(exact) ? exact.doubleValue() : NO_FIT;
  }

  private static Object exactFloat(JsonNode value) {
    if (!value.isNumber()) {
      return NO_FIT;
    }
    BigDecimal exact = value.decimalValue();
    float converted = exact.floatValue();
    return !Float.isInfinite(converted)
            && new BigDecimal(Float.toString(converted)).compareTo(exact) == 0
        ? converted
        : NO_FIT;
  }

  private static Object exactDecimal(JsonNode value, Types.DecimalType type) {
    if (!value.isNumber()) {
      return NO_FIT;
    }
    try {
      // setScale without rounding throws when digits would be lost.
      BigDecimal scaled = value.decimalValue().setScale(type.scale());
      return scaled.precision() <= type.precision() ? scaled : NO_FIT;
    } catch (ArithmeticException moreDigitsThanTheScale) {
      return NO_FIT;
    }
  }

  private static Object text(JsonNode value) {
    if (value.isTextual()) {
      return ParquetStrings.of(value.textValue());
    }
    // A number or boolean in a string column is kept as its exact JSON text.
    if (value.isNumber() || value.isBoolean()) {
      return ParquetStrings.of(value.toString());
    }
    return NO_FIT;
  }

  private static Object date(JsonNode value) {
    if (!value.isTextual()) {
      return NO_FIT;
    }
    try {
      return LocalDate.parse(value.textValue());
    } catch (DateTimeParseException e) {
      return NO_FIT;
    }
  }

  /** Binary columns come from Avro bytes and fixed, which arrive as base64 text. */
  private static Object binary(JsonNode value) {
    if (!value.isTextual()) {
      return NO_FIT;
    }
    try {
      return ByteBuffer.wrap(Base64.getDecoder().decode(value.textValue()));
    } catch (IllegalArgumentException notBase64) {
      return NO_FIT;
    }
  }

  private Object timestamp(JsonNode value, Types.TimestampType type, Path path) {
    if (!type.shouldAdjustToUTC()) {
      if (!value.isTextual()) {
        return NO_FIT;
      }
      try {
        LocalDateTime parsed = LocalDateTime.parse(value.textValue());
        return parsed.getNano() % 1_000 == 0 ? parsed : NO_FIT;
      } catch (DateTimeParseException e) {
        return NO_FIT;
      }
    }
    if (value.isNumber()) {
      Optional<EpochUnit> unit = settings.hint(path.column()).flatMap(FieldHint::epochUnit);
      if (unit.isEmpty()) {
        // Numbers are never guessed to be times: only a declared unit converts them.
        return NO_FIT;
      }
      OptionalLong micros = unit.get().toMicros(value.decimalValue());
      return micros.isPresent()
          ? OffsetDateTime.ofInstant(
              Instant.EPOCH.plus(micros.getAsLong(), ChronoUnit.MICROS), ZoneOffset.UTC)
          : NO_FIT;
    }
    if (!value.isTextual()) {
      return NO_FIT;
    }
    // A declared timestamp takes more forms, in one parse that needs no exception to succeed.
    Optional<OffsetDateTime> parsed =
        settings.hint(path.column()).isPresent()
            ? HintedTimestamps.parse(value.textValue())
            : isoWithOffset(value.textValue());
    // Iceberg keeps microseconds; finer digits would be lost.
    return parsed
        .filter(time -> time.getNano() % 1_000 == 0)
        .map(Object.class::cast)
        .orElse(NO_FIT);
  }

  private static Optional<OffsetDateTime> isoWithOffset(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private Object list(JsonNode value, Types.ListType type, Path path) {
    if (!value.isArray()) {
      return NO_FIT;
    }
    List<Object> elements = new ArrayList<>(value.size());
    Path elementPath = new Path(path.json(), path.column() + ".element");
    for (JsonNode element : value) {
      if (element.isNull()) {
        elements.add(null);
        continue;
      }
      Object converted = listElement(element, type.elementType(), elementPath);
      if (converted == NO_FIT) {
        // The whole array is rescued so that its order and length stay intact.
        return NO_FIT;
      }
      elements.add(converted);
    }
    return elements;
  }

  private Object listElement(JsonNode element, Type type, Path path) {
    if (type.typeId() == Type.TypeID.STRING && (element.isObject() || element.isArray())) {
      // Mixed arrays are list<string>: their non-text elements are kept as JSON text.
      return ParquetStrings.of(element.toString());
    }
    ObjectNode nestedRescue = JsonNodeFactory.instance.objectNode();
    Object converted = value(element, type, path, nestedRescue);
    return nestedRescue.isEmpty() ? converted : NO_FIT;
  }

  /** Map keys stay as written; an entry whose value does not fit is rescued under its key. */
  private Object map(JsonNode value, Types.MapType type, Path path, ObjectNode rescued) {
    if (!value.isObject()) {
      return NO_FIT;
    }
    Map<CharSequence, Object> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      JsonNode entryValue = entry.getValue();
      if (entryValue.isNull()) {
        entries.put(ParquetStrings.of(entry.getKey()), null);
        continue;
      }
      Path valuePath = path.child(entry.getKey(), "value");
      Object converted = value(entryValue, type.valueType(), valuePath, rescued);
      if (converted == NO_FIT) {
        rescued.set(valuePath.json(), entryValue);
        rescues.accept(path.column());
      } else {
        entries.put(ParquetStrings.of(entry.getKey()), converted);
      }
    }
    return entries;
  }
}
