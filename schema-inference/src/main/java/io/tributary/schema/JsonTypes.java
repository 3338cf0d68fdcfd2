package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Infers the Iceberg type that holds a JSON value exactly. */
final class JsonTypes {
  private JsonTypes() {}

  /**
   * Returns the type of a value, or empty when the value carries no type information ({@code null},
   * {@code []}, {@code {}}), so that such values never create a column on their own.
   */
  static Optional<Type> typeOf(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(Types.BooleanType.get());
    }
    if (value.isIntegralNumber()) {
      return Optional.of(value.canConvertToLong() ? Types.LongType.get() : Types.StringType.get());
    }
    if (value.isNumber()) {
      return Optional.of(Types.DoubleType.get());
    }
    if (value.isTextual()) {
      return Optional.of(Types.StringType.get());
    }
    if (value.isArray()) {
      return arrayType(value);
    }
    if (value.isObject()) {
      return ObservedStruct.of(value).toStructType();
    }
    // Binary and POJO nodes do not come out of a JSON parser; keep them as text.
    return Optional.of(Types.StringType.get());
  }

  private static Optional<Type> arrayType(JsonNode array) {
    Optional<Type> element = Optional.empty();
    for (JsonNode item : array) {
      Optional<Type> itemType = typeOf(item);
      if (itemType.isEmpty()) {
        continue;
      }
      element =
          element.isEmpty()
              ? itemType
              : Optional.of(TypeMerging.merge(element.get(), itemType.get()));
    }
    return element.map(type -> Types.ListType.ofOptional(FieldIds.PLACEHOLDER, type));
  }
}
