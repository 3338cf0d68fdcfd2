package io.tributary.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Merges two inferred types into the narrowest type that holds the values of both exactly, for
 * observations that were made apart (the fields of an object that turned into a map). A conflict
 * that no type resolves falls back to string, which holds the exact JSON text of any scalar.
 */
final class TypeMerging {
  private TypeMerging() {}

  static Type merge(Type left, Type right) {
    if (left.equals(right)) {
      return left;
    }
    if (isNumber(left) && isNumber(right)) {
      return mergeNumbers(left, right);
    }
    if (left.isStructType() && right.isStructType()) {
      return mergeStructs(left.asStructType(), right.asStructType());
    }
    if (left.isListType() && right.isListType()) {
      Type element = merge(left.asListType().elementType(), right.asListType().elementType());
      return Types.ListType.ofOptional(FieldIds.PLACEHOLDER, element);
    }
    if (left.isMapType() && right.isMapType()) {
      Type value = merge(left.asMapType().valueType(), right.asMapType().valueType());
      return Types.MapType.ofOptional(
          FieldIds.PLACEHOLDER, FieldIds.PLACEHOLDER, Types.StringType.get(), value);
    }
    return Types.StringType.get();
  }

  private static boolean isNumber(Type type) {
    return type.typeId() == Type.TypeID.LONG
        || type.typeId() == Type.TypeID.DOUBLE
        || type.typeId() == Type.TypeID.DECIMAL;
  }

  private static Type mergeNumbers(Type left, Type right) {
    if (left.typeId() != Type.TypeID.DECIMAL && right.typeId() != Type.TypeID.DECIMAL) {
      return Types.DoubleType.get();
    }
    int scale = Math.max(scale(left), scale(right));
    return Types.DecimalType.of(ScalarObservation.MAX_DECIMAL_PRECISION, scale);
  }

  private static int scale(Type type) {
    return type instanceof Types.DecimalType decimal ? decimal.scale() : 0;
  }

  private static Types.StructType mergeStructs(Types.StructType left, Types.StructType right) {
    Map<String, Types.NestedField> fields = new LinkedHashMap<>();
    for (Types.NestedField field : left.fields()) {
      fields.put(field.name(), field.asOptional());
    }
    for (Types.NestedField field : right.fields()) {
      fields.merge(
          field.name(),
          field.asOptional(),
          (a, b) ->
              Types.NestedField.optional(
                  FieldIds.PLACEHOLDER, a.name(), merge(a.type(), b.type()), a.doc()));
    }
    List<Types.NestedField> merged = new ArrayList<>(fields.values());
    return Types.StructType.of(merged);
  }
}
