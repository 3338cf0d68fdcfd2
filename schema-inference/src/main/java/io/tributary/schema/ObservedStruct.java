package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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

  private final SchemaSettings settings;
  private final String path;
  private final int depth;
  private final Map<String, ObservedValue> fields = new LinkedHashMap<>();
  // The first source name seen for each column name; a later, different one is rescued.
  private final Map<String, String> sourceNames = new HashMap<>();
  private long objects;
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
    if (mapValues == null && mayBecomeMap() && keysLookLikeIds(object)) {
      becomeMap();
    }
    if (mapValues != null) {
      for (JsonNode value : object) {
        mapValues.observe(value);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String name = ColumnNames.normalize(entry.getKey());
      String first = sourceNames.putIfAbsent(name, entry.getKey());
      if (first != null && !first.equals(entry.getKey())) {
        continue;
      }
      fields
          .computeIfAbsent(name, n -> new ObservedValue(settings, childPath(n), depth + 1))
          .observe(entry.getValue());
    }
    if (mayBecomeMap() && fields.size() > settings.mapKeyThreshold()) {
      becomeMap();
    }
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
    fields.forEach(
        (name, value) ->
            value
                .type()
                .ifPresent(
                    type ->
                        nested.add(
                            Types.NestedField.of(
                                FieldIds.PLACEHOLDER,
                                value.present() < objects,
                                name,
                                type,
                                sourceNames.get(name)))));
    return nested.isEmpty() ? Optional.empty() : Optional.of(Types.StructType.of(nested));
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
  }

  private static boolean keysLookLikeIds(JsonNode object) {
    if (object.isEmpty()) {
      return false;
    }
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      if (!ID_LIKE_KEY.matcher(names.next()).matches()) {
        return false;
      }
    }
    return true;
  }

  private String childPath(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
