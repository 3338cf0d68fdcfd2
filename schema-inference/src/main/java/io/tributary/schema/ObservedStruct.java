package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The fields and merged types observed over a set of JSON objects, keyed by normalized column name.
 * Inference runs over everything buffered for a commit, so one early record does not decide a
 * column alone. Observations merge in place, so a batch of a million records of the same shape
 * builds no per-record types.
 */
public final class ObservedStruct {
  private final Map<String, ObservedValue> fields = new LinkedHashMap<>();

  public static ObservedStruct of(JsonNode object) {
    ObservedStruct struct = new ObservedStruct();
    struct.observe(object);
    return struct;
  }

  public void observe(JsonNode object) {
    if (object == null || !object.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      fields
          .computeIfAbsent(ColumnNames.normalize(entry.getKey()), name -> new ObservedValue())
          .observe(entry.getValue());
    }
  }

  /** Empty when no field carried a type, so an object of nulls creates no struct column. */
  public Optional<Type> toStructType() {
    List<Types.NestedField> nested = new ArrayList<>(fields.size());
    fields.forEach(
        (name, value) ->
            value
                .type()
                .ifPresent(
                    type ->
                        nested.add(Types.NestedField.optional(FieldIds.PLACEHOLDER, name, type))));
    return nested.isEmpty() ? Optional.empty() : Optional.of(Types.StructType.of(nested));
  }
}
