package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What Amazon Athena (engine v3) and the Glue Data Catalog behind it accept in an Iceberg table, in
 * one place. Every table the service creates and every schema change it commits is checked here
 * first; a change that breaks a rule is refused with {@link AthenaIncompatibleException}, naming
 * the field, before anything reaches the catalog.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Format version 1 or 2: Athena reads no v3 table.
 *   <li>Types: boolean, int, long, float, double, decimal(p, s) with p at most 38, date, string,
 *       binary, timestamp and timestamptz in microseconds, and struct, list and map of those.
 *       Athena reads no time, uuid or fixed(L) column, and no nanosecond timestamp, variant or
 *       geospatial (v3) column.
 *   <li>Map keys are of a primitive type (Hive's rule, which Glue's type strings follow).
 *   <li>Names, top-level and nested, are {@code [a-z0-9_]}, 1 to 255 characters (lowercase: Glue
 *       and Athena fold case, so a mixed-case name would not be found again).
 *   <li>A column's Glue type string ({@link GlueTypeStrings}) is at most 131,072 characters, and
 *       its comment at most 255: Glue refuses longer ones. Comments only ever hold a source field's
 *       original name, so they are shortened ({@link #comment}) rather than refused.
 *   <li>Partition transforms: identity, year, month, day, hour, bucket[N], truncate[W].
 * </ul>
 *
 * <p>Names that start with a digit or are SQL reserved words are valid: Athena queries them in
 * double quotes ({@code SELECT "1st", "select" FROM t}) and its DDL in backticks. They are kept as
 * they are, never renamed, so a column keeps its name for the life of the table; {@link
 * #needsQuoting} tells which names need the quotes.
 */
public final class AthenaRules {
  static final int MAX_FORMAT_VERSION = 2;
  static final int NAME_LIMIT = 255;
  static final int COMMENT_LIMIT = 255;
  static final int TYPE_STRING_LIMIT = 131_072;
  static final int MAX_DECIMAL_PRECISION = 38;

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,255}");
  private static final Set<String> TRANSFORMS =
      Set.of("identity", "year", "month", "day", "hour", "bucket", "truncate");
  // Athena's reserved words in DDL and DML (engine v3): such names need quoting in queries.
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "alter",
          "and",
          "array",
          "as",
          "authorization",
          "between",
          "bigint",
          "binary",
          "boolean",
          "both",
          "by",
          "case",
          "cast",
          "char",
          "column",
          "commit",
          "conf",
          "constraint",
          "create",
          "cross",
          "cube",
          "current",
          "current_catalog",
          "current_date",
          "current_path",
          "current_role",
          "current_schema",
          "current_time",
          "current_timestamp",
          "current_user",
          "cursor",
          "database",
          "date",
          "dayofweek",
          "deallocate",
          "decimal",
          "delete",
          "describe",
          "distinct",
          "double",
          "drop",
          "else",
          "end",
          "escape",
          "exchange",
          "execute",
          "exists",
          "extended",
          "external",
          "extract",
          "false",
          "fetch",
          "float",
          "floor",
          "following",
          "for",
          "foreign",
          "from",
          "full",
          "function",
          "grant",
          "group",
          "grouping",
          "having",
          "if",
          "import",
          "in",
          "inner",
          "insert",
          "int",
          "integer",
          "intersect",
          "interval",
          "into",
          "is",
          "join",
          "json_array",
          "json_exists",
          "json_object",
          "json_query",
          "json_table",
          "json_value",
          "lateral",
          "left",
          "less",
          "like",
          "listagg",
          "local",
          "localtime",
          "localtimestamp",
          "macro",
          "map",
          "more",
          "natural",
          "none",
          "normalize",
          "not",
          "null",
          "numeric",
          "of",
          "on",
          "only",
          "or",
          "order",
          "out",
          "outer",
          "over",
          "partialscan",
          "partition",
          "percent",
          "preceding",
          "precision",
          "preserve",
          "primary",
          "range",
          "reads",
          "recursive",
          "reduce",
          "references",
          "regexp",
          "revoke",
          "right",
          "rlike",
          "rollback",
          "rollup",
          "row",
          "rows",
          "select",
          "set",
          "skip",
          "smallint",
          "start",
          "table",
          "tablesample",
          "then",
          "time",
          "timestamp",
          "to",
          "transform",
          "trigger",
          "trim",
          "true",
          "truncate",
          "uescape",
          "unbounded",
          "union",
          "unique",
          "unnest",
          "update",
          "user",
          "using",
          "utc_timestamp",
          "values",
          "varchar",
          "views",
          "when",
          "where",
          "window",
          "with");

  private AthenaRules() {}

  /** One broken rule: the dotted path of the field (or the table) and what is wrong with it. */
  public record Violation(String field, String rule) {
    public Violation {
      requireNonNull(field, "field is null");
      requireNonNull(rule, "rule is null");
    }

    @Override
    public String toString() {
      return field + ": " + rule;
    }
  }

  /** Refuses a table or schema change that Athena could not read, listing every broken rule. */
  public static void check(String table, int formatVersion, Schema schema, PartitionSpec spec) {
    List<Violation> violations = violations(formatVersion, schema, spec);
    if (!violations.isEmpty()) {
      throw new AthenaIncompatibleException(table, violations);
    }
  }

  public static List<Violation> violations(int formatVersion, Schema schema, PartitionSpec spec) {
    requireNonNull(schema, "schema is null");
    requireNonNull(spec, "spec is null");
    List<Violation> violations = new ArrayList<>();
    if (formatVersion > MAX_FORMAT_VERSION) {
      violations.add(
          new Violation(
              "(table)",
              "format version " + formatVersion + "; Athena reads format version 2 at most"));
    }
    for (Types.NestedField column : schema.columns()) {
      checkField(column.name(), column, violations);
      int typeLength = GlueTypeStrings.of(column.type()).length();
      if (typeLength > TYPE_STRING_LIMIT) {
        violations.add(
            new Violation(
                column.name(),
                "Glue type string of "
                    + typeLength
                    + " characters; Glue stores at most "
                    + TYPE_STRING_LIMIT));
      }
    }
    for (PartitionField field : spec.fields()) {
      String transform = field.transform().toString().replaceAll("\\[.*", "");
      if (!TRANSFORMS.contains(transform)) {
        violations.add(
            new Violation(
                schema.findColumnName(field.sourceId()),
                "partition transform "
                    + field.transform()
                    + "; Athena supports identity, year, month, day, hour, bucket, truncate"));
      }
    }
    return List.copyOf(violations);
  }

  /** A column comment Glue accepts: at most 255 characters (Glue refuses longer ones). */
  public static String comment(String doc) {
    if (doc == null || doc.length() <= COMMENT_LIMIT) {
      return doc;
    }
    // Never split a surrogate pair.
    int end =
        Character.isHighSurrogate(doc.charAt(COMMENT_LIMIT - 1))
            ? COMMENT_LIMIT - 1
            : COMMENT_LIMIT;
    return doc.substring(0, end);
  }

  /** Whether Athena needs the name in double quotes: a reserved word, or a leading digit. */
  public static boolean needsQuoting(String name) {
    return !name.isEmpty()
        && (Character.isDigit(name.charAt(0)) || RESERVED.contains(name.toLowerCase(Locale.ROOT)));
  }

  private static void checkField(String path, Types.NestedField field, List<Violation> out) {
    if (!NAME.matcher(field.name()).matches()) {
      out.add(
          new Violation(
              path, "name must be 1 to 255 characters of lowercase letters, digits and _"));
    }
    if (field.doc() != null && field.doc().length() > COMMENT_LIMIT) {
      out.add(new Violation(path, "comment longer than " + COMMENT_LIMIT + " characters"));
    }
    checkType(path, field.type(), out);
  }

  private static void checkType(String path, Type type, List<Violation> out) {
    switch (type.typeId()) {
      case BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, DATE, STRING, BINARY -> {}
      case TIMESTAMP -> {}
      case DECIMAL -> {
        if (((Types.DecimalType) type).precision() > MAX_DECIMAL_PRECISION) {
          out.add(new Violation(path, type + "; Athena reads decimal precision up to 38"));
        }
      }
      case STRUCT -> {
        for (Types.NestedField nested : type.asStructType().fields()) {
          checkField(path + "." + nested.name(), nested, out);
        }
      }
      case LIST -> checkType(path + ".element", type.asListType().elementType(), out);
      case MAP -> {
        Type key = type.asMapType().keyType();
        if (!key.isPrimitiveType()) {
          out.add(new Violation(path, "map key of type " + key + "; map keys must be primitive"));
        }
        checkType(path + ".key", key, out);
        checkType(path + ".value", type.asMapType().valueType(), out);
      }
      default -> out.add(new Violation(path, "type " + type + " is not readable by Athena"));
    }
  }
}
