package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The fields and merged types observed over a set of JSON objects, keyed by normalized column name.
 * Inference runs over everything buffered for a commit, so one early record does not decide a
 * column alone. Observations merge in place, so a batch of a million records of the same shape
 * builds no per-record types.
 *
 * <p>An object whose keys behave like data (more distinct keys than the threshold, or keys that
 * look like ids) becomes {@code map<string, T>}; from then on its keys are not tracked.
 */
public final class ObservedStruct {
  private static final Pattern ID_LIKE_KEY =
      Pattern.compile(
          "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
              + "|[0-9a-fA-F]{16,}");

  private static final ObservedValue IGNORED = new ObservedValue(SchemaSettings.defaults(), "", 0);

  private final SchemaSettings settings;
  private final String path;
  private final int depth;
  private final Map<String, ObservedValue> fields = new LinkedHashMap<>();
  // The first source name seen for each column name; a later, different one is rescued.
  private final Map<String, String> sourceNames = new HashMap<>();
  // Fields by the source's own key: one lookup per value, no normalization on the hot path. A key
  // that collides with an earlier source name maps to IGNORED.
  private final Map<String, ObservedValue> bySourceName = new HashMap<>();
  private long objects;
  private boolean sawNamedKey;
  private ObservedValue mapValues;
  private Optional<Type> typeBeforeMap = Optional.empty();

  public ObservedStruct() {
    this(SchemaSettings.defaults());
  }

  public ObservedStruct(SchemaSettings settings) {
    this(settings, "", 0);
  }

  ObservedStruct(SchemaSettings settings, String path, int depth) {
    this.settings = settings;
    this.path = path;
    this.depth = depth;
    if (hint() == FieldHint.Form.MAP) {
      mapValues = new ObservedValue(settings, path + ".value", depth + 1);
    }
  }

  public static ObservedStruct of(JsonNode object) {
    ObservedStruct struct = new ObservedStruct();
    struct.observe(object);
    return struct;
  }

  public void observe(JsonNode object) {
    if (object == null || !object.isObject()) {
      return;
    }
    objects++;
    if (mapValues != null) {
      for (JsonNode value : object) {
        mapValues.observe(value);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      ObservedValue field = bySourceName.get(entry.getKey());
      if (field == null) {
        field = newField(entry.getKey());
        bySourceName.put(entry.getKey(), field);
      }
      if (field != IGNORED) {
        field.observe(entry.getValue());
      }
    }
    if ((fields.size() > settings.mapKeyThreshold() || (!sawNamedKey && !fields.isEmpty()))
        && mayBecomeMap()) {
      // More distinct keys than the threshold, or only keys that look like ids so far.
      becomeMap();
    }
  }

  private ObservedValue newField(String sourceName) {
    String name = ColumnNames.normalize(sourceName);
    String first = sourceNames.putIfAbsent(name, sourceName);
    if (first != null && !first.equals(sourceName)) {
      return IGNORED;
    }
    ObservedValue field = new ObservedValue(settings, childPath(name), depth + 1);
    fields.put(name, field);
    sawNamedKey |= !ID_LIKE_KEY.matcher(sourceName).matches();
    return field;
  }

  /**
   * Empty when no field carried a type, so an object of nulls creates no struct column. Fields
   * present in every observed object are marked required, which tells the planner which existing
   * required columns must become optional; added columns are always optional.
   */
  public Optional<Type> toStructType() {
    return structType();
  }

  Optional<Type> type() {
    if (mapValues == null) {
      return structType();
    }
    Optional<Type> values = mapValues.type();
    Optional<Type> merged =
        typeBeforeMap.isEmpty()
            ? values
            : values.map(v -> TypeMerging.merge(typeBeforeMap.get(), v)).or(() -> typeBeforeMap);
    return merged.map(
        valueType ->
            Types.MapType.ofOptional(
                FieldIds.PLACEHOLDER, FieldIds.PLACEHOLDER, Types.StringType.get(), valueType));
  }

  private Optional<Type> structType() {
    List<Types.NestedField> nested = new ArrayList<>(fields.size());
    boolean siblings = settings.typeConflict() == SchemaSettings.TypeConflict.SIBLING;
    fields.forEach(
        (name, value) -> {
          Optional<Type> type = value.type();
          if (type.isEmpty()) {
            return;
          }
          String doc = AthenaRules.comment(sourceNames.get(name));
          nested.add(
              Types.NestedField.of(
                  FieldIds.PLACEHOLDER, value.present() < objects, name, type.get(), doc));
          if (siblings
              && value.hasMisfits()
              && type.get().typeId() != Type.TypeID.STRING
              && !fields.containsKey(SchemaPlanner.siblingName(name, Types.StringType.get()))) {
            // The values the evidence-chosen type does not hold get their own column.
            nested.add(
                Types.NestedField.optional(
                    FieldIds.PLACEHOLDER,
                    SchemaPlanner.siblingName(name, Types.StringType.get()),
                    Types.StringType.get(),
                    doc));
          }
        });
    return nested.isEmpty() ? Optional.empty() : Optional.of(Types.StructType.of(nested));
  }

  /** In how many of the observed objects each field (and its sibling) had a value. */
  public FieldPresence presence() {
    Map<String, Long> counts = new HashMap<>();
    fields.forEach(
        (name, value) -> {
          counts.put(name, value.present());
          counts.putIfAbsent(
              SchemaPlanner.siblingName(name, Types.StringType.get()), value.present());
        });
    return new FieldPresence(objects, counts);
  }

  private FieldHint.Form hint() {
    return settings.hint(path).map(FieldHint::form).orElse(FieldHint.Form.TYPE);
  }

  /** The record itself is never a map, and a struct hint keeps a field a struct. */
  private boolean mayBecomeMap() {
    return !path.isEmpty() && hint() != FieldHint.Form.STRUCT;
  }

  private void becomeMap() {
    mapValues = new ObservedValue(settings, path + ".value", depth + 1);
    for (ObservedValue value : fields.values()) {
      Optional<Type> type = value.type();
      if (type.isPresent()) {
        typeBeforeMap =
            Optional.of(
                typeBeforeMap.map(t -> TypeMerging.merge(t, type.get())).orElse(type.get()));
      }
    }
    fields.clear();
    sourceNames.clear();
    bySourceName.clear();
  }

  private String childPath(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
