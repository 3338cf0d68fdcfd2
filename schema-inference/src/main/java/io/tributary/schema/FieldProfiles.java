package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiles of every field of one table, by normalized dotted path ({@code .element} for list
 * elements, {@code .value} is not used: map entries are profiled under their key's field path).
 * Fields of objects that behave like maps would explode the profile, so at most {@code maxFields}
 * paths are tracked. Not thread-safe: the pipeline thread updates it, readers get copies under a
 * lock of the owner.
 */
public final class FieldProfiles {
  private final Map<String, FieldProfile> fields = new TreeMap<>();
  private final int maxFields;
  private final int maxDepth;
  private long records;

  public FieldProfiles(int maxFields, int maxDepth) {
    if (maxFields <= 0 || maxDepth <= 0) {
      throw new IllegalArgumentException("maxFields and maxDepth must be positive");
    }
    this.maxFields = maxFields;
    this.maxDepth = maxDepth;
  }

  public synchronized void observe(JsonNode record, long nowMillis) {
    records++;
    observeObject(record, "", 1, nowMillis);
  }

  /** Counts one value of the field that did not fit its column. */
  public synchronized void rescued(String path) {
    FieldProfile profile = profile(path);
    if (profile != null) {
      profile.rescued();
    }
  }

  public synchronized List<FieldProfileView> views() {
    List<FieldProfileView> views = new ArrayList<>(fields.size());
    fields.forEach((path, profile) -> views.add(profile.view(path, records)));
    return views;
  }

  private void observeObject(JsonNode object, String path, int depth, long nowMillis) {
    if (depth > maxDepth) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String name = ColumnNames.normalize(entry.getKey());
      observeValue(entry.getValue(), path.isEmpty() ? name : path + "." + name, depth, nowMillis);
    }
  }

  private void observeValue(JsonNode value, String path, int depth, long nowMillis) {
    FieldProfile profile = profile(path);
    if (profile == null) {
      return;
    }
    profile.observe(value, nowMillis);
    if (value.isObject()) {
      observeObject(value, path, depth + 1, nowMillis);
    } else if (value.isArray()) {
      for (JsonNode element : value) {
        observeValue(element, path + ".element", depth + 1, nowMillis);
      }
    }
  }

  private FieldProfile profile(String path) {
    FieldProfile profile = fields.get(path);
    if (profile == null && fields.size() < maxFields) {
      profile = new FieldProfile();
      fields.put(path, profile);
    }
    return profile;
  }
}
