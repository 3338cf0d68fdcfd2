package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lifts the fields of nested objects into their parent as {@code parent_child}, down to a depth:
 * depth 1 lifts the children, depth 2 the grandchildren too. Without a field, every top-level
 * object is flattened. A lifted name that the parent already holds is an error, never an overwrite.
 */
public record FlattenStep(Optional<FieldPath> field, int depth) implements TransformStep {
  static final String SEPARATOR = "_";

  public FlattenStep {
    requireNonNull(field, "field is null");
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1, was " + depth);
    }
  }

  @Override
  public String type() {
    return "flatten";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    if (field.isPresent()) {
      field.get().forEach(record, this::flatten);
    } else {
      List<String> keys = new ArrayList<>();
      record.properties().forEach(entry -> keys.add(entry.getKey()));
      for (String key : keys) {
        flatten(record, key, record.get(key));
      }
    }
    return true;
  }

  private void flatten(ObjectNode parent, String key, JsonNode value) throws TransformException {
    if (!(value instanceof ObjectNode object)) {
      return;
    }
    Map<String, JsonNode> lifted = new LinkedHashMap<>();
    lift(key, object, depth, lifted);
    parent.remove(key);
    for (Map.Entry<String, JsonNode> entry : lifted.entrySet()) {
      if (FieldPath.existing(parent, entry.getKey(), null) != null) {
        throw new TransformException(
            "cannot flatten field '"
                + key
                + "': the record already has a field '"
                + entry.getKey()
                + "'");
      }
      parent.set(entry.getKey(), entry.getValue());
    }
  }

  private static void lift(
      String prefix, ObjectNode object, int levels, Map<String, JsonNode> lifted) {
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String name = prefix + SEPARATOR + entry.getKey();
      if (levels > 1 && entry.getValue() instanceof ObjectNode child) {
        lift(name, child, levels - 1, lifted);
      } else {
        lifted.put(name, entry.getValue());
      }
    }
  }
}
