package io.tributary.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Merges the types observed for one field across many records into the narrowest type that holds
 * every observed value exactly. A conflict that no type resolves falls back to string, which holds
 * the exact JSON text of any value.
 */
final class TypeMerging {
  private TypeMerging() {}

  static Type merge(Type left, Type right) {
    if (left.equals(right)) {
      return left;
    }
    if (isNumber(left) && isNumber(right)) {
      return Types.DoubleType.get();
    }
    if (left.isStructType() && right.isStructType()) {
      return mergeStructs(left.asStructType(), right.asStructType());
    }
    if (left.isListType() && right.isListType()) {
      Type element = merge(left.asListType().elementType(), right.asListType().elementType());
      return Types.ListType.ofOptional(FieldIds.PLACEHOLDER, element);
    }
    return Types.StringType.get();
  }

  private static boolean isNumber(Type type) {
    return type.typeId() == Type.TypeID.LONG || type.typeId() == Type.TypeID.DOUBLE;
  }

  private static Types.StructType mergeStructs(Types.StructType left, Types.StructType right) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (Types.NestedField field : left.fields()) {
      fields.put(field.name(), field.type());
    }
    for (Types.NestedField field : right.fields()) {
      fields.merge(field.name(), field.type(), TypeMerging::merge);
    }
    List<Types.NestedField> merged = new ArrayList<>(fields.size());
    fields.forEach(
        (name, type) -> merged.add(Types.NestedField.optional(FieldIds.PLACEHOLDER, name, type)));
    return Types.StructType.of(merged);
  }
}
