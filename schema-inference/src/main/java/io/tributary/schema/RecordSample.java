package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A record as the drift ledger keeps it: configured fields masked (matched by normalized path,
 * inside arrays too), then cut to a byte budget so that a huge record does not bloat the ledger.
 */
public final class RecordSample {
  static final String MASK = "***";

  private RecordSample() {}

  public static String of(JsonNode record, Set<String> redactedPaths, int maxBytes) {
    JsonNode copy = record.deepCopy();
    if (!redactedPaths.isEmpty()) {
      redact(copy, "", redactedPaths);
    }
    String text = copy.toString();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return text;
    }
    // Cut on a character boundary: never leave half a UTF-8 sequence.
    int end = maxBytes;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8) + "...";
  }

  private static void redact(JsonNode node, String path, Set<String> redactedPaths) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        String name = ColumnNames.normalize(entry.getKey());
        String child = path.isEmpty() ? name : path + "." + name;
        if (redactedPaths.contains(child)) {
          entry.setValue(TextNode.valueOf(MASK));
        } else {
          redact(entry.getValue(), child, redactedPaths);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        redact(element, path, redactedPaths);
      }
    }
  }

  /**
   * Whether the record holds a value at the normalized path ({@code .element} steps into lists).
   */
  public static boolean holds(JsonNode record, String path) {
    return holds(record, path.split("\\."), 0);
  }

  private static boolean holds(JsonNode node, String[] segments, int index) {
    if (index == segments.length) {
      return node != null && !node.isNull();
    }
    if (node == null) {
      return false;
    }
    if (node.isArray()) {
      int next = "element".equals(segments[index]) ? index + 1 : index;
      for (JsonNode element : node) {
        if (holds(element, segments, next)) {
          return true;
        }
      }
      return false;
    }
    if (!node.isObject()) {
      return false;
    }
    if ("value".equals(segments[index]) && index > 0) {
      for (JsonNode value : node) {
        if (holds(value, segments, index + 1)) {
          return true;
        }
      }
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (ColumnNames.normalize(entry.getKey()).equals(segments[index])
          && holds(entry.getValue(), segments, index + 1)) {
        return true;
      }
    }
    return false;
  }
}
