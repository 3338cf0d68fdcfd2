package io.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Finds strings that Parquet's UTF-8 cannot carry: a Java string with an unpaired surrogate (JSON
 * {@code "\ud800"}) would be written as {@code ?}, silently changed. Such records are dead letters,
 * whose raw bytes keep the value exactly.
 */
final class Utf8Strings {
  private Utf8Strings() {}

  /**
   * The JSON path of the first key or string value with an unpaired surrogate. A quick scan of the
   * raw bytes comes first: a surrogate can only arrive as a {@code \}{@code uD...} escape or as
   * (invalid) three-byte UTF-8 starting with 0xED, so almost every record skips the tree walk.
   */
  static Optional<String> unpairedSurrogate(byte[] raw, JsonNode tree) {
    return mayHoldSurrogate(raw) ? find(tree, "$") : Optional.empty();
  }

  static boolean mayHoldSurrogate(byte[] raw) {
    for (int i = 0; i + 2 < raw.length; i++) {
      byte b = raw[i];
      if ((b == '\\' && raw[i + 1] == 'u' && (raw[i + 2] | 0x20) == 'd')
          || ((b & 0xFF) == 0xED && (raw[i + 1] & 0xFF) >= 0xA0)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> find(JsonNode node, String path) {
    if (node.isTextual()) {
      return hasUnpairedSurrogate(node.textValue()) ? Optional.of(path) : Optional.empty();
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String child = path + "." + entry.getKey();
        if (hasUnpairedSurrogate(entry.getKey())) {
          return Optional.of(child);
        }
        Optional<String> found = find(entry.getValue(), child);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> found = find(node.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  static boolean hasUnpairedSurrogate(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i += 2;
      } else if (Character.isSurrogate(c)) {
        return true;
      } else {
        i++;
      }
    }
    return false;
  }
}
