package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.FieldHint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Removes fields, wherever their path reaches. */
public record DropStep(List<FieldPath> fields) implements TransformStep {
  public DropStep {
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("drop needs at least one field");
    }
  }

  @Override
  public String type() {
    return "drop";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    for (FieldPath field : fields) {
      field.forEach(record, (parent, key, value) -> parent.remove(key));
    }
    return true;
  }

  @Override
  public Map<String, FieldHint> hints(Map<String, FieldHint> before) {
    Map<String, FieldHint> hints = new HashMap<>(before);
    fields.forEach(field -> hints.remove(field.toString()));
    return hints;
  }
}
