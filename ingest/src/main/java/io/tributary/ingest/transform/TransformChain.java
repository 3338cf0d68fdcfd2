package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.FieldHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The steps one record goes through, in order, each named by its configuration key. */
final class TransformChain {
  private final List<String> keys;
  private final List<TransformStep> steps;
  private final int lastMask;
  private final boolean withholdValues;

  TransformChain(List<String> keys, List<TransformStep> steps, boolean withholdValues) {
    this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
    this.steps = List.copyOf(requireNonNull(steps, "steps is null"));
    if (keys.size() != steps.size()) {
      throw new IllegalArgumentException("one key per step");
    }
    int last = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).masks()) {
        last = i;
      }
    }
    this.lastMask = last;
    this.withholdValues = withholdValues;
  }

  static TransformChain of(
      List<TransformStep> pipeline,
      String tableKey,
      List<TransformStep> table,
      boolean withholdValues) {
    List<String> keys = new ArrayList<>();
    List<TransformStep> steps = new ArrayList<>(pipeline);
    for (int i = 0; i < pipeline.size(); i++) {
      keys.add("transforms[" + i + "]");
    }
    for (int i = 0; i < table.size(); i++) {
      keys.add(tableKey + ".transforms[" + i + "]");
    }
    steps.addAll(table);
    return new TransformChain(keys, steps, withholdValues);
  }

  boolean isEmpty() {
    return steps.isEmpty();
  }

  boolean masks() {
    return lastMask >= 0;
  }

  TransformResult apply(ObjectNode record, String coordinates) {
    for (int i = 0; i < steps.size(); i++) {
      TransformStep step = steps.get(i);
      boolean keep;
      try {
        keep = step.apply(record);
      } catch (TransformException e) {
        StringBuilder message =
            new StringBuilder("record ")
                .append(coordinates)
                .append(": ")
                .append(keys.get(i))
                .append(" (")
                .append(step.type())
                .append("): ")
                .append(e.getMessage());
        if (!withholdValues) {
          e.detail().ifPresent(detail -> message.append(", ").append(detail));
        }
        // Past the last mask the record holds no clear value of a masked field.
        Optional<ObjectNode> parse = i > lastMask ? Optional.of(record) : Optional.empty();
        return new TransformResult.Failed(message.toString(), parse);
      }
      if (!keep) {
        return new TransformResult.Filtered(keys.get(i));
      }
    }
    return new TransformResult.Kept(record);
  }

  String version() {
    if (steps.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      text.append(keys.get(i)).append('=').append(steps.get(i)).append('\n');
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The schema hints the steps leave behind, over the configured ones. */
  Map<String, FieldHint> hints() {
    Map<String, FieldHint> hints = Map.of();
    for (TransformStep step : steps) {
      hints = step.hints(hints);
    }
    return hints;
  }
}
