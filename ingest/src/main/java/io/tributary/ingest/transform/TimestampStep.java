package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.schema.FieldHint;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.types.Types;

/**
 * Reads a field in its declared format and writes it as ISO-8601 in UTC, and hints the field as
 * {@code timestamptz}, so that its column is a UTC timestamp whatever the source wrote.
 */
public record TimestampStep(FieldPath field, TimestampFormat format, ZoneId zone)
    implements TransformStep {
  public TimestampStep {
    requireNonNull(field, "field is null");
    requireNonNull(format, "format is null");
    requireNonNull(zone, "zone is null");
  }

  @Override
  public String type() {
    return "timestamp";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    field.forEach(
        record,
        (parent, key, value) -> {
          if (value == null || value.isNull()) {
            return;
          }
          boolean readable = value.isTextual() || (format.epoch() && value.isNumber());
          if (!readable) {
            throw new TransformException(
                "field '"
                    + field
                    + "' is a "
                    + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", expected a timestamp as "
                    + format);
          }
          try {
            parent.set(key, TextNode.valueOf(format.instant(value.asText(), zone).toString()));
          } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new TransformException(
                "field '" + field + "' is not a timestamp in format '" + format + "'",
                TransformException.was(value.asText()));
          }
        });
    return true;
  }

  @Override
  public Map<String, FieldHint> hints(Map<String, FieldHint> before) {
    Map<String, FieldHint> hints = new HashMap<>(before);
    hints.put(field.toString(), FieldHint.of(Types.TimestampType.withZone()));
    return hints;
  }
}
