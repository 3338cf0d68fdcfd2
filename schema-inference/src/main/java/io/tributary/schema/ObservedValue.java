package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What was observed for one field across records, merged in place: scalars, a struct (or map) of
 * observed fields, or a list of observed elements. Values of different kinds merge to string, which
 * holds the exact JSON text of any scalar. {@code null}, {@code []} and {@code {}} alone create no
 * column.
 */
final class ObservedValue {
  private enum Kind {
    NONE,
    SCALAR,
    STRUCT,
    LIST,
    CONFLICT
  }

  private final SchemaSettings settings;
  private final String path;
  private final int depth;
  private Kind kind = Kind.NONE;
  private ScalarObservation scalar;
  private ObservedStruct struct;
  private ObservedValue element;
  private final boolean detectTimestamps;
  private long present;

  ObservedValue(SchemaSettings settings, String path, int depth) {
    this.settings = settings;
    this.path = path;
    this.depth = depth;
    this.detectTimestamps =
        settings.timestampDetection() == SchemaSettings.TimestampDetection.ISO_WITH_OFFSET;
  }

  void observe(JsonNode value) {
    if (value == null) {
      return;
    }
    // One virtual call decides the kind: this runs for every value of every record.
    JsonNodeType nodeType = value.getNodeType();
    if (nodeType == JsonNodeType.NULL || nodeType == JsonNodeType.MISSING) {
      return;
    }
    present++;
    if (depth > settings.maxDepth()) {
      // Too deep for a column: the converter finds no field and rescues the value.
      return;
    }
    switch (nodeType) {
      case OBJECT -> observeObject(value);
      case ARRAY -> observeArray(value);
      default -> {
        if (become(Kind.SCALAR)) {
          if (scalar == null) {
            scalar = new ScalarObservation();
          }
          scalar.observe(value, nodeType, detectTimestamps);
        }
      }
    }
  }

  private void observeObject(JsonNode value) {
    if (value.isEmpty()) {
      return;
    }
    if (become(Kind.STRUCT)) {
      if (struct == null) {
        struct = new ObservedStruct(settings, path, depth);
      }
      struct.observe(value);
    }
  }

  private void observeArray(JsonNode value) {
    if (value.isEmpty()) {
      return;
    }
    if (become(Kind.LIST)) {
      if (element == null) {
        element = new ObservedValue(settings, path + ".element", depth + 1);
      }
      for (JsonNode item : value) {
        element.observe(item);
      }
    }
  }

  long present() {
    return present;
  }

  Optional<Type> type() {
    Optional<Type> hinted =
        settings.hint(path).filter(hint -> kind != Kind.NONE).flatMap(FieldHint::type);
    if (hinted.isPresent()) {
      return hinted;
    }
    return switch (kind) {
      case NONE -> Optional.empty();
      case CONFLICT -> Optional.of(Types.StringType.get());
      case SCALAR -> Optional.of(scalar.type());
      case STRUCT -> struct.type();
      case LIST ->
          element
              .type()
              .map(elementType -> Types.ListType.ofOptional(FieldIds.PLACEHOLDER, elementType));
    };
  }

  /** Moves to the kind of the new value; false once two kinds were seen (a conflict). */
  private boolean become(Kind valueKind) {
    if (kind == Kind.NONE) {
      kind = valueKind;
    } else if (kind != valueKind) {
      kind = Kind.CONFLICT;
    }
    return kind == valueKind;
  }
}
