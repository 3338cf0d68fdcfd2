package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.ColumnNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field of a record by normalized dotted path, as schema hints name fields: {@code
 * customer.email}. Lists are stepped through (an {@code element} step may say so), and a {@code
 * value} step reaches every value of a map-like object, as in {@code attributes.value.email}.
 */
public record FieldPath(List<String> segments) {
  private static final String ELEMENT = "element";
  private static final String MAP_VALUE = "value";

  public FieldPath {
    segments = List.copyOf(requireNonNull(segments, "segments is null"));
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a field path needs at least one name");
    }
  }

  /** Parses a dotted path; each name is normalized as columns are, a trailing element dropped. */
  public static FieldPath parse(String text) {
    requireNonNull(text, "text is null");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a field path must not be blank");
    }
    List<String> segments = new ArrayList<>();
    for (String name : text.split("\\.", -1)) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("field path '" + text + "' has an empty name");
      }
      segments.add(ColumnNames.normalize(name.trim()));
    }
    while (segments.size() > 1 && segments.get(segments.size() - 1).equals(ELEMENT)) {
      segments.remove(segments.size() - 1);
    }
    return new FieldPath(segments);
  }

  @Override
  public String toString() {
    return String.join(".", segments);
  }

  /** What to do with each field the path reaches. */
  @FunctionalInterface
  interface Visitor {
    void visit(ObjectNode parent, String key, JsonNode value) throws TransformException;
  }

  /** Calls the visitor for every field of the record this path reaches. */
  void forEach(ObjectNode record, Visitor visitor) throws TransformException {
    walk(record, 0, visitor);
  }

  private void walk(JsonNode node, int index, Visitor visitor) throws TransformException {
    if (node instanceof ArrayNode array) {
      int next = segments.get(index).equals(ELEMENT) ? index + 1 : index;
      if (next == segments.size()) {
        return;
      }
      for (JsonNode element : array) {
        walk(element, next, visitor);
      }
    } else if (node instanceof ObjectNode object) {
      String segment = segments.get(index);
      boolean allValues = segment.equals(MAP_VALUE) && index > 0;
      // Collected first: the visitor may change the object.
      List<String> keys = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        if (allValues || ColumnNames.normalize(entry.getKey()).equals(segment)) {
          keys.add(entry.getKey());
        }
      }
      for (String key : keys) {
        if (index == segments.size() - 1) {
          visitor.visit(object, key, object.get(key));
        } else {
          walk(object.get(key), index + 1, visitor);
        }
      }
    }
  }

  /** The key of the object that is this name once normalized, other than {@code except}. */
  static String existing(ObjectNode object, String name, String except) {
    String normalized = ColumnNames.normalize(name);
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (!entry.getKey().equals(except)
          && ColumnNames.normalize(entry.getKey()).equals(normalized)) {
        return entry.getKey();
      }
    }
    return null;
  }
}
