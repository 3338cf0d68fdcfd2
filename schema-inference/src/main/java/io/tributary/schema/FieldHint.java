package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A configured form for one field, overriding inference: a column type, a map or struct for an
 * object, or a timestamp read from epoch numbers in a declared unit.
 *
 * @param type the column type; absent for {@link Form#MAP} and {@link Form#STRUCT}, whose types
 *     come from the values
 * @param epochUnit for a timestamp column, the unit of numeric values; absent means ISO-8601
 *     strings only
 */
public record FieldHint(Form form, Optional<Type> type, Optional<EpochUnit> epochUnit) {
  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  public FieldHint {
    requireNonNull(form, "form is null");
    requireNonNull(type, "type is null");
    requireNonNull(epochUnit, "epochUnit is null");
    if ((form == Form.TYPE) != type.isPresent()) {
      throw new IllegalArgumentException("a type hint needs a type, a map or struct hint none");
    }
    if (epochUnit.isPresent() && type.map(t -> t.typeId() != Type.TypeID.TIMESTAMP).orElse(true)) {
      throw new IllegalArgumentException("an epoch unit needs a timestamp type");
    }
  }

  public static FieldHint of(Type type) {
    return new FieldHint(Form.TYPE, Optional.of(type), Optional.empty());
  }

  /**
   * Parses a configured hint: {@code boolean}, {@code long}, {@code double}, {@code string}, {@code
   * decimal(p, s)}, {@code timestamptz}, {@code
   * timestamptz:epoch-seconds|epoch-millis|epoch-micros}, {@code map}, {@code struct}.
   */
  public static FieldHint parse(String text) {
    requireNonNull(text, "text is null");
    String hint = text.trim().toLowerCase(Locale.ROOT);
    switch (hint) {
      case "map":
        return new FieldHint(Form.MAP, Optional.empty(), Optional.empty());
      case "struct":
        return new FieldHint(Form.STRUCT, Optional.empty(), Optional.empty());
      case "boolean":
        return of(Types.BooleanType.get());
      case "long":
        return of(Types.LongType.get());
      case "double":
        return of(Types.DoubleType.get());
      case "string":
        return of(Types.StringType.get());
      case "timestamptz":
        return of(Types.TimestampType.withZone());
      default:
        break;
    }
    if (hint.startsWith("timestamptz:")) {
      EpochUnit unit = EpochUnit.fromConfigName(hint.substring("timestamptz:".length()));
      return new FieldHint(
          Form.TYPE, Optional.of(Types.TimestampType.withZone()), Optional.of(unit));
    }
    Matcher decimal = DECIMAL.matcher(hint);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = Integer.parseInt(decimal.group(2));
      if (precision < 1 || precision > 38 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal hint needs 1 <= precision <= 38 and scale <= precision: " + text);
      }
      return of(Types.DecimalType.of(precision, scale));
    }
    throw new IllegalArgumentException(
        "unknown type hint '"
            + text
            + "': use boolean, long, double, string, decimal(p, s), timestamptz,"
            + " timestamptz:epoch-seconds|epoch-millis|epoch-micros, map or struct");
  }

  /** The form a hinted field takes. */
  public enum Form {
    TYPE,
    MAP,
    STRUCT
  }
}
