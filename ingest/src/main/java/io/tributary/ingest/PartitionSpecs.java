package io.tributary.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.Term;

/**
 * Builds a partition spec from transform expressions as written in config: {@code day(event_time)},
 * {@code hour|month|year(field)}, {@code identity(field)} or just {@code field}, {@code
 * bucket[16](field)}, {@code truncate[4](field)}. Nested fields use dots.
 */
public final class PartitionSpecs {
  private static final Pattern EXPRESSION =
      Pattern.compile("^\\s*(?:(\\w+)(?:\\[(\\d+)])?\\(\\s*([\\w.]+)\\s*\\)|([\\w.]+))\\s*$");

  private static final Set<String> TRANSFORMS =
      Set.of("identity", "year", "month", "day", "hour", "bucket", "truncate");

  private PartitionSpecs() {}

  static PartitionSpec parse(Schema schema, List<String> expressions) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String expression : expressions) {
      add(builder, schema, expression);
    }
    return builder.build();
  }

  /** The field an expression partitions by, as a dotted path. */
  static String sourceField(String expression) {
    Matcher matcher = matcher(expression);
    return matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
  }

  /** Whether the schema has the field an expression partitions by. */
  static boolean resolvable(Schema schema, String expression) {
    return schema.findField(sourceField(expression)) != null;
  }

  /** The expression as a term of a partition spec update, for a field added after creation. */
  static Term term(String expression) {
    Matcher matcher = matcher(expression);
    String source = sourceField(expression);
    String transform = transform(matcher);
    String width = matcher.group(2);
    return switch (transform) {
      case "identity" -> Expressions.ref(source);
      case "year" -> Expressions.year(source);
      case "month" -> Expressions.month(source);
      case "day" -> Expressions.day(source);
      case "hour" -> Expressions.hour(source);
      case "bucket" -> Expressions.bucket(source, requireWidth(expression, width));
      case "truncate" -> Expressions.truncate(source, requireWidth(expression, width));
      default -> throw unknownTransform(expression, transform);
    };
  }

  /**
   * Checks an expression's form and transform without a schema, so configuration errors show at
   * start-up rather than when the first table is created.
   */
  public static void check(String expression) {
    Matcher matcher = matcher(expression);
    String transform = transform(matcher);
    if (!TRANSFORMS.contains(transform)) {
      throw unknownTransform(expression, transform);
    }
    if (transform.equals("bucket") || transform.equals("truncate")) {
      requireWidth(expression, matcher.group(2));
    }
  }

  private static Matcher matcher(String expression) {
    Matcher matcher = EXPRESSION.matcher(expression);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Invalid partition expression '" + expression + "'");
    }
    return matcher;
  }

  private static String transform(Matcher matcher) {
    return matcher.group(1) == null ? "identity" : matcher.group(1).toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException unknownTransform(String expression, String transform) {
    return new IllegalArgumentException(
        "Unknown transform '"
            + transform
            + "' in partition expression '"
            + expression
            + "'; use identity, year, month, day, hour, bucket[n] or truncate[w]");
  }

  private static void add(PartitionSpec.Builder builder, Schema schema, String expression) {
    Matcher matcher = matcher(expression);
    String source = sourceField(expression);
    if (schema.findField(source) == null) {
      throw new IllegalArgumentException(
          "Partition expression '" + expression + "' names unknown field '" + source + "'");
    }
    String transform = transform(matcher);
    String width = matcher.group(2);
    switch (transform) {
      case "identity" -> builder.identity(source);
      case "year" -> builder.year(source);
      case "month" -> builder.month(source);
      case "day" -> builder.day(source);
      case "hour" -> builder.hour(source);
      case "bucket" -> builder.bucket(source, requireWidth(expression, width));
      case "truncate" -> builder.truncate(source, requireWidth(expression, width));
      default -> throw unknownTransform(expression, transform);
    }
  }

  private static int requireWidth(String expression, String width) {
    if (width == null) {
      throw new IllegalArgumentException(
          "Partition expression '" + expression + "' needs a width, as in bucket[16](field)");
    }
    try {
      int value = Integer.parseInt(width);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException tooLarge) {
      // reported below
    }
    throw new IllegalArgumentException(
        "Partition expression '" + expression + "' needs a positive width that fits an int");
  }
}
