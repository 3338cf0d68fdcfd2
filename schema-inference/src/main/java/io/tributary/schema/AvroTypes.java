package io.tributary.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Iceberg types for Avro schemas, limited to what Athena reads from format v2 tables: enum, uuid
 * and time become string; fixed and bytes become binary (decimal logical types become decimal);
 * {@code [null, T]} is an optional T; any other union becomes a struct with one optional field per
 * branch, named after the branch's type.
 */
public final class AvroTypes {
  private AvroTypes() {}

  /** The column type of every top-level field of a record schema, by normalized name. */
  public static Map<String, Type> columnTypes(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "an Avro record schema is needed, not " + record.getType());
    }
    Map<String, Type> columns = new LinkedHashMap<>();
    for (Schema.Field field : record.getFields()) {
      toIceberg(field.schema())
          .ifPresent(type -> columns.putIfAbsent(ColumnNames.normalize(field.name()), type));
    }
    return columns;
  }

  /** Empty for {@code null}, which holds no value. */
  public static Optional<Type> toIceberg(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return Optional.of(
          decimal.getPrecision() <= 38
              ? Types.DecimalType.of(decimal.getPrecision(), decimal.getScale())
              : Types.StringType.get());
    }
    return switch (schema.getType()) {
      case NULL -> Optional.empty();
      case BOOLEAN -> Optional.of(Types.BooleanType.get());
      case INT -> Optional.of(intType(logical));
      case LONG -> Optional.of(longType(logical));
      case FLOAT -> Optional.of(Types.FloatType.get());
      case DOUBLE -> Optional.of(Types.DoubleType.get());
      case STRING, ENUM -> Optional.of(Types.StringType.get());
      case BYTES, FIXED -> Optional.of(Types.BinaryType.get());
      case ARRAY ->
          toIceberg(schema.getElementType())
              .map(element -> Types.ListType.ofOptional(FieldIds.PLACEHOLDER, element));
      case MAP ->
          toIceberg(schema.getValueType())
              .map(
                  value ->
                      Types.MapType.ofOptional(
                          FieldIds.PLACEHOLDER,
                          FieldIds.PLACEHOLDER,
                          Types.StringType.get(),
                          value));
      case RECORD -> struct(schema);
      case UNION -> union(schema);
    };
  }

  /** The field name a union branch gets in the struct of branches. */
  public static String branchName(Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> ColumnNames.normalize(branch.getName());
      default -> branch.getType().getName().toLowerCase(Locale.ROOT);
    };
  }

  /** The union's branches other than null. */
  public static List<Schema> valueBranches(Schema union) {
    return union.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
  }

  private static Type intType(LogicalType logical) {
    if (logical instanceof LogicalTypes.Date) {
      return Types.DateType.get();
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return Types.StringType.get();
    }
    return Types.IntegerType.get();
  }

  private static Type longType(LogicalType logical) {
    if (logical instanceof LogicalTypes.TimestampMillis
        || logical instanceof LogicalTypes.TimestampMicros) {
      return Types.TimestampType.withZone();
    }
    if (logical instanceof LogicalTypes.LocalTimestampMillis
        || logical instanceof LogicalTypes.LocalTimestampMicros) {
      return Types.TimestampType.withoutZone();
    }
    if (logical instanceof LogicalTypes.TimeMicros) {
      return Types.StringType.get();
    }
    return Types.LongType.get();
  }

  private static Optional<Type> struct(Schema record) {
    List<Types.NestedField> fields = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Schema.Field field : record.getFields()) {
      String name = ColumnNames.normalize(field.name());
      if (!names.add(name)) {
        // A later field whose name normalizes the same way is rescued, as for JSON.
        continue;
      }
      toIceberg(field.schema())
          .ifPresent(
              type ->
                  fields.add(
                      Types.NestedField.optional(FieldIds.PLACEHOLDER, name, type, field.name())));
    }
    return fields.isEmpty() ? Optional.empty() : Optional.of(Types.StructType.of(fields));
  }

  private static Optional<Type> union(Schema union) {
    List<Schema> branches = valueBranches(union);
    if (branches.size() == 1) {
      return toIceberg(branches.get(0));
    }
    List<Types.NestedField> fields = new ArrayList<>();
    for (Schema branch : branches) {
      toIceberg(branch)
          .ifPresent(
              type ->
                  fields.add(
                      Types.NestedField.optional(FieldIds.PLACEHOLDER, branchName(branch), type)));
    }
    return fields.isEmpty() ? Optional.empty() : Optional.of(Types.StructType.of(fields));
  }
}
