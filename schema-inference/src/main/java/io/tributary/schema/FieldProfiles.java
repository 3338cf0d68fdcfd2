package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiles of every field of one table, by normalized dotted path ({@code .element} for list
 * elements). Fields are found through a tree keyed by the source's own names, so a record is
 * profiled without building a path string per field. Objects that behave like maps would explode
 * the profile, so at most {@code maxFields} paths are tracked. Thread-safe: the pipeline updates,
 * the admin API reads.
 */
public final class FieldProfiles {
  private final Map<String, FieldProfile> byPath = new TreeMap<>();
  private final Node root = new Node("", null);
  private final int maxFields;
  private final int maxDepth;
  private long records;
  private Map<String, FieldProfileView> earlier = Map.of();

  public FieldProfiles(int maxFields, int maxDepth) {
    if (maxFields <= 0 || maxDepth <= 0) {
      throw new IllegalArgumentException("maxFields and maxDepth must be positive");
    }
    this.maxFields = maxFields;
    this.maxDepth = maxDepth;
  }

  public synchronized void observe(JsonNode record, long nowMillis) {
    records++;
    observeObject(record, root, 1, nowMillis);
  }

  /** Counts one value of the field that did not fit its column. */
  public synchronized void rescued(String path) {
    FieldProfile profile = byPath.get(path);
    if (profile == null && byPath.size() < maxFields) {
      profile = new FieldProfile();
      byPath.put(path, profile);
    }
    if (profile != null) {
      profile.rescued();
    }
  }

  /** Adds the profiles of an earlier run (see {@link ProfileSummaries}) to what this run sees. */
  public synchronized void restore(Map<String, FieldProfileView> profiles) {
    earlier = Map.copyOf(profiles);
  }

  public synchronized List<FieldProfileView> views() {
    Map<String, FieldProfileView> views = new TreeMap<>(earlier);
    byPath.forEach(
        (path, profile) -> views.merge(path, profile.view(path, records), ProfileSummaries::merge));
    return new ArrayList<>(views.values());
  }

  private void observeObject(JsonNode object, Node parent, int depth, long nowMillis) {
    if (depth > maxDepth) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      Node child = parent.children.get(entry.getKey());
      if (child == null) {
        child = node(parent, entry.getKey());
        parent.children.put(entry.getKey(), child);
      }
      observeValue(entry.getValue(), child, depth, nowMillis);
    }
  }

  private void observeValue(JsonNode value, Node node, int depth, long nowMillis) {
    if (node.profile == null) {
      return;
    }
    node.profile.observe(value, nowMillis);
    if (value.isObject()) {
      observeObject(value, node, depth + 1, nowMillis);
    } else if (value.isArray()) {
      if (node.element == null) {
        node.element = node(node.path + ".element");
      }
      for (JsonNode element : value) {
        observeValue(element, node.element, depth + 1, nowMillis);
      }
    }
  }

  private Node node(Node parent, String sourceName) {
    String name = ColumnNames.normalize(sourceName);
    return node(parent.path.isEmpty() ? name : parent.path + "." + name);
  }

  /** Source names that normalize alike share one profile; past the limit, fields go unprofiled. */
  private Node node(String path) {
    FieldProfile profile = byPath.get(path);
    if (profile == null && byPath.size() < maxFields) {
      profile = new FieldProfile();
      byPath.put(path, profile);
    }
    return new Node(path, profile);
  }

  private static final class Node {
    private final String path;
    private final FieldProfile profile;
    private final Map<String, Node> children = new HashMap<>();
    private Node element;

    Node(String path, FieldProfile profile) {
      this.path = path;
      this.profile = profile;
    }
  }
}
