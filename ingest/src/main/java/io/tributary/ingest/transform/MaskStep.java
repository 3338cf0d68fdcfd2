package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.schema.FieldHint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks fields: each scalar value reached (inside objects and lists too) is replaced by its masked
 * text, so a masked field is always a string.
 */
public record MaskStep(List<FieldPath> fields, MaskMethod method) implements TransformStep {
  public MaskStep {
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    requireNonNull(method, "method is null");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("mask needs at least one field");
    }
  }

  @Override
  public String type() {
    return "mask";
  }

  @Override
  public boolean masks() {
    return true;
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    for (FieldPath field : fields) {
      field.forEach(record, (parent, key, value) -> parent.set(key, mask(value)));
    }
    return true;
  }

  @Override
  public Map<String, FieldHint> hints(Map<String, FieldHint> before) {
    // A hint of a masked field would ask for a type its masked text no longer has.
    Map<String, FieldHint> hints = new HashMap<>(before);
    fields.forEach(field -> hints.remove(field.toString()));
    return hints;
  }

  private JsonNode mask(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return value;
    }
    if (value instanceof ObjectNode object) {
      ObjectNode masked = JsonNodeFactory.instance.objectNode();
      object.properties().forEach(entry -> masked.set(entry.getKey(), mask(entry.getValue())));
      return masked;
    }
    if (value instanceof ArrayNode array) {
      ArrayNode masked = JsonNodeFactory.instance.arrayNode(array.size());
      array.forEach(element -> masked.add(mask(element)));
      return masked;
    }
    return TextNode.valueOf(method.mask(value.asText()));
  }
}
