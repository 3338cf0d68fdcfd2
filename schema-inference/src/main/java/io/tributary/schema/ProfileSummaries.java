package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field profiles as compact JSON, to persist them cheaply (a table property) and add them to the
 * profiles of a later run. Sketches are not kept: a restored distinct count is the larger of the
 * two estimates.
 */
public final class ProfileSummaries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProfileSummaries() {}

  /** At most {@code maxBytes} of JSON; fields past the budget are left out. */
  public static String write(List<FieldProfileView> views, int maxBytes) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode fields = root.putObject("fields");
    int bytes = 16;
    for (FieldProfileView view : views) {
      ObjectNode field = JSON.createObjectNode();
      field.put("records", view.records());
      field.put("present", view.present());
      field.put("nulls", view.nulls());
      field.put("rescued", view.rescued());
      field.set("types", JSON.valueToTree(view.types()));
      field.put("distinct", view.distinct());
      putIfPresent(field, "min", view.minNumber());
      putIfPresent(field, "max", view.maxNumber());
      putIfPresent(field, "min_time", view.minTime());
      putIfPresent(field, "max_time", view.maxTime());
      putIfPresent(field, "first_seen", view.firstSeen());
      putIfPresent(field, "last_seen", view.lastSeen());
      int size =
          view.path().length() + field.toString().getBytes(StandardCharsets.UTF_8).length + 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      fields.set(view.path(), field);
    }
    return root.toString();
  }

  public static Map<String, FieldProfileView> read(String text) {
    Map<String, FieldProfileView> views = new LinkedHashMap<>();
    JsonNode fields;
    try {
      fields = JSON.readTree(text).path("fields");
    } catch (IOException e) {
      throw new UncheckedIOException("field profiles are not JSON", e);
    }
    fields
        .properties()
        .forEach(
            entry -> {
              JsonNode field = entry.getValue();
              Map<String, Long> types = new HashMap<>();
              field
                  .path("types")
                  .properties()
                  .forEach(t -> types.put(t.getKey(), t.getValue().asLong()));
              views.put(
                  entry.getKey(),
                  new FieldProfileView(
                      entry.getKey(),
                      field.path("records").asLong(),
                      field.path("present").asLong(),
                      field.path("nulls").asLong(),
                      field.path("rescued").asLong(),
                      types,
                      field.path("distinct").asLong(),
                      text(field, "min"),
                      text(field, "max"),
                      instant(field, "min_time"),
                      instant(field, "max_time"),
                      instant(field, "first_seen"),
                      instant(field, "last_seen")));
            });
    return views;
  }

  /** The profile of both periods: counts added, ranges widened, the larger distinct estimate. */
  public static FieldProfileView merge(FieldProfileView earlier, FieldProfileView later) {
    Map<String, Long> types = new HashMap<>(earlier.types());
    later.types().forEach((type, count) -> types.merge(type, count, Long::sum));
    return new FieldProfileView(
        later.path(),
        earlier.records() + later.records(),
        earlier.present() + later.present(),
        earlier.nulls() + later.nulls(),
        earlier.rescued() + later.rescued(),
        types,
        Math.max(earlier.distinct(), later.distinct()),
        number(earlier.minNumber(), later.minNumber(), -1),
        number(earlier.maxNumber(), later.maxNumber(), 1),
        time(earlier.minTime(), later.minTime(), -1),
        time(earlier.maxTime(), later.maxTime(), 1),
        time(earlier.firstSeen(), later.firstSeen(), -1),
        time(earlier.lastSeen(), later.lastSeen(), 1));
  }

  private static String number(String left, String right, int keep) {
    if (left == null || right == null) {
      return left == null ? right : left;
    }
    int comparison = new BigDecimal(left).compareTo(new BigDecimal(right));
    return Integer.signum(comparison) == keep ? left : right;
  }

  private static Instant time(Instant left, Instant right, int keep) {
    if (left == null || right == null) {
      return left == null ? right : left;
    }
    return Integer.signum(left.compareTo(right)) == keep ? left : right;
  }

  private static void putIfPresent(ObjectNode node, String name, Object value) {
    if (value != null) {
      node.put(name, value.toString());
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null ? null : value.asText();
  }

  private static Instant instant(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null ? null : Instant.parse(value.asText());
  }
}
