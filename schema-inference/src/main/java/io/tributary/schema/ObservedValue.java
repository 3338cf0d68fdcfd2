package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What was observed for one field across records, merged in place: a scalar type, a struct of
 * observed fields, or a list of observed elements. Values of different kinds merge to string, which
 * holds the exact JSON text of any value.
 */
final class ObservedValue {
  private enum Kind {
    NONE,
    SCALAR,
    STRUCT,
    LIST,
    CONFLICT
  }

  private Kind kind = Kind.NONE;
  private Type scalar;
  private ObservedStruct struct;
  private ObservedValue element;

  void observe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    if (value.isObject()) {
      if (value.isEmpty()) {
        return;
      }
      if (become(Kind.STRUCT)) {
        if (struct == null) {
          struct = new ObservedStruct();
        }
        struct.observe(value);
      }
    } else if (value.isArray()) {
      if (value.isEmpty()) {
        return;
      }
      if (become(Kind.LIST)) {
        if (element == null) {
          element = new ObservedValue();
        }
        for (JsonNode item : value) {
          element.observe(item);
        }
      }
    } else if (become(Kind.SCALAR)) {
      Type type = scalarType(value);
      scalar = scalar == null ? type : TypeMerging.merge(scalar, type);
    }
  }

  Optional<Type> type() {
    return switch (kind) {
      case NONE -> Optional.empty();
      case CONFLICT -> Optional.of(Types.StringType.get());
      case SCALAR -> Optional.of(scalar);
      case STRUCT -> struct.toStructType();
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

  private static Type scalarType(JsonNode value) {
    if (value.isBoolean()) {
      return Types.BooleanType.get();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? Types.LongType.get() : Types.StringType.get();
    }
    if (value.isNumber()) {
      return Types.DoubleType.get();
    }
    return Types.StringType.get();
  }
}
