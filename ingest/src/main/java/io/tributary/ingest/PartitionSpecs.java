package io.tributary.ingest;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/**
 * Builds a partition spec from transform expressions as written in config: {@code day(event_time)},
 * {@code hour|month|year(field)}, {@code identity(field)} or just {@code field}, {@code
 * bucket[16](field)}, {@code truncate[4](field)}. Nested fields use dots.
 */
final class PartitionSpecs {
  private static final Pattern EXPRESSION =
      Pattern.compile("^\\s*(?:(\\w+)(?:\\[(\\d+)])?\\(\\s*([\\w.]+)\\s*\\)|([\\w.]+))\\s*$");

  private PartitionSpecs() {}

  static PartitionSpec parse(Schema schema, List<String> expressions) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String expression : expressions) {
      add(builder, schema, expression);
    }
    return builder.build();
  }

  private static void add(PartitionSpec.Builder builder, Schema schema, String expression) {
    Matcher matcher = EXPRESSION.matcher(expression);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Invalid partition expression '" + expression + "'");
    }
    String source = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
    if (schema.findField(source) == null) {
      throw new IllegalArgumentException(
          "Partition expression '" + expression + "' names unknown field '" + source + "'");
    }
    String transform = matcher.group(1) == null ? "identity" : matcher.group(1);
    String width = matcher.group(2);
    switch (transform.toLowerCase(Locale.ROOT)) {
      case "identity" -> builder.identity(source);
      case "year" -> builder.year(source);
      case "month" -> builder.month(source);
      case "day" -> builder.day(source);
      case "hour" -> builder.hour(source);
      case "bucket" -> builder.bucket(source, requireWidth(expression, width));
      case "truncate" -> builder.truncate(source, requireWidth(expression, width));
      default ->
          throw new IllegalArgumentException(
              "Unknown transform '" + transform + "' in partition expression '" + expression + "'");
    }
  }

  private static int requireWidth(String expression, String width) {
    if (width == null) {
      throw new IllegalArgumentException(
          "Partition expression '" + expression + "' needs a width, as in bucket[16](field)");
    }
    return Integer.parseInt(width);
  }
}
