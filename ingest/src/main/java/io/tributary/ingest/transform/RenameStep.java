package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.ColumnNames;
import io.tributary.schema.FieldHint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gives a field a new name in the same object. */
public record RenameStep(FieldPath from, String to) implements TransformStep {
  public RenameStep {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (to.isBlank() || to.contains(".")) {
      throw new IllegalArgumentException(
          "'to' is the new name within the same object, without dots: '" + to + "'");
    }
  }

  @Override
  public String type() {
    return "rename";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    from.forEach(
        record,
        (parent, key, value) -> {
          String taken = FieldPath.existing(parent, to, key);
          if (taken != null) {
            throw new TransformException(
                "cannot rename field '" + from + "' to '" + to + "': the record already has it");
          }
          parent.remove(key);
          parent.set(to, value);
        });
    return true;
  }

  @Override
  public Map<String, FieldHint> hints(Map<String, FieldHint> before) {
    FieldHint hint = before.get(from.toString());
    if (hint == null) {
      return before;
    }
    Map<String, FieldHint> hints = new HashMap<>(before);
    hints.remove(from.toString());
    List<String> parent = from.segments().subList(0, from.segments().size() - 1);
    String name = ColumnNames.normalize(to);
    hints.put(parent.isEmpty() ? name : String.join(".", parent) + "." + name, hint);
    return hints;
  }
}
