package io.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What was observed for one field across records, merged in place: scalars, a struct (or map) of
 * observed fields, or a list of observed elements. When values of different kinds (scalar, object,
 * array) arrive, the kind that at least {@code type-evidence-percent} of them share decides the
 * type and the others are rescued; without such a majority the field is string, which holds the
 * exact JSON text of any scalar. {@code null}, {@code []} and {@code {}} alone create no column.
 */
final class ObservedValue {
  private final SchemaSettings settings;
  private final String path;
  private final int depth;
  private ScalarObservation scalar;
  private ObservedStruct struct;
  private ObservedValue element;
  private final boolean detectTimestamps;
  private long present;
  private long scalars;
  private long structs;
  private long lists;
  private final int evidencePercent;

  ObservedValue(SchemaSettings settings, String path, int depth) {
    this.settings = settings;
    this.path = path;
    this.depth = depth;
    // One odd element would rescue a whole array: elements keep the lossless rule, so mixed
    // arrays stay list<string> holding each element's JSON text.
    this.evidencePercent = path.endsWith(".element") ? 100 : settings.typeEvidencePercent();
    this.detectTimestamps =
        settings.timestampDetection() == SchemaSettings.TimestampDetection.ISO_WITH_OFFSET;
  }

  void observe(JsonNode value) {
    if (value == null) {
      return;
    }
    // One virtual call decides the kind: this runs for every value of every record.
    JsonNodeType nodeType = value.getNodeType();
    if (nodeType == JsonNodeType.NULL || nodeType == JsonNodeType.MISSING) {
      return;
    }
    present++;
    if (depth > settings.maxDepth()) {
      // Too deep for a column: the converter finds no field and rescues the value.
      return;
    }
    switch (nodeType) {
      case OBJECT -> observeObject(value);
      case ARRAY -> observeArray(value);
      default -> {
        scalars++;
        if (scalar == null) {
          scalar = new ScalarObservation();
        }
        scalar.observe(value, nodeType, detectTimestamps);
      }
    }
  }

  private void observeObject(JsonNode value) {
    if (value.isEmpty()) {
      return;
    }
    structs++;
    if (struct == null) {
      struct = new ObservedStruct(settings, path, depth);
    }
    struct.observe(value);
  }

  private void observeArray(JsonNode value) {
    if (value.isEmpty()) {
      return;
    }
    lists++;
    if (element == null) {
      element = new ObservedValue(settings, path + ".element", depth + 1);
    }
    for (JsonNode item : value) {
      element.observe(item);
    }
  }

  long present() {
    return present;
  }

  Optional<Type> type() {
    long kinded = scalars + structs + lists;
    Optional<Type> hinted = settings.hint(path).filter(hint -> kinded > 0).flatMap(FieldHint::type);
    if (hinted.isPresent()) {
      return hinted;
    }
    long majority = Math.max(scalars, Math.max(structs, lists));
    if (kinded == 0) {
      return Optional.empty();
    }
    if (majority < kinded && majority * 100 < (long) evidencePercent * kinded) {
      return Optional.of(Types.StringType.get());
    }
    if (majority == scalars) {
      return Optional.of(scalar.type(evidencePercent));
    }
    if (majority == structs) {
      return struct.type();
    }
    return element
        .type()
        .map(elementType -> Types.ListType.ofOptional(FieldIds.PLACEHOLDER, elementType));
  }

  /**
   * Whether the chosen type leaves some of this field's values out (to be rescued): a minority
   * kind, or scalars that the evidence-chosen type does not hold.
   */
  boolean hasMisfits() {
    if (settings.hint(path).isPresent()) {
      return false;
    }
    long kinded = scalars + structs + lists;
    long majority = Math.max(scalars, Math.max(structs, lists));
    if (kinded == 0 || majority * 100 < (long) evidencePercent * kinded) {
      return false;
    }
    return majority < kinded || (majority == scalars && scalar.hasMisfits(evidencePercent));
  }
}
