package io.tributary.schema;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Hive type string Glue stores for a column ({@code struct<a:bigint,b:array<string>>}). Glue
 * refuses a column whose type string is longer than its limit, so the planner measures it.
 */
public final class GlueTypeStrings {
  private GlueTypeStrings() {}

  public static String of(Type type) {
    StringBuilder text = new StringBuilder();
    append(type, text);
    return text.toString();
  }

  private static void append(Type type, StringBuilder text) {
    switch (type.typeId()) {
      case BOOLEAN -> text.append("boolean");
      case INTEGER -> text.append("int");
      case LONG -> text.append("bigint");
      case FLOAT -> text.append("float");
      case DOUBLE -> text.append("double");
      case DATE -> text.append("date");
      case TIMESTAMP -> text.append("timestamp");
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        text.append("decimal(").append(decimal.precision()).append(',');
        text.append(decimal.scale()).append(')');
      }
      case BINARY, FIXED -> text.append("binary");
      case STRUCT -> {
        text.append("struct<");
        boolean first = true;
        for (Types.NestedField field : type.asStructType().fields()) {
          if (!first) {
            text.append(',');
          }
          first = false;
          text.append(field.name()).append(':');
          append(field.type(), text);
        }
        text.append('>');
      }
      case LIST -> {
        text.append("array<");
        append(type.asListType().elementType(), text);
        text.append('>');
      }
      case MAP -> {
        text.append("map<");
        append(type.asMapType().keyType(), text);
        text.append(',');
        append(type.asMapType().valueType(), text);
        text.append('>');
      }
      default -> text.append("string");
    }
  }
}
