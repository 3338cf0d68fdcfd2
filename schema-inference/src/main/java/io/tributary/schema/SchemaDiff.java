package io.tributary.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/** The changes between two schemas of one table, matched by field id. */
public final class SchemaDiff {
  private SchemaDiff() {}

  /**
   * Added fields (only the outermost of an added subtree), promoted types, fields made optional,
   * and, for schemas changed by hand, renamed and dropped fields.
   */
  public static List<FieldChange> between(Schema from, Schema to) {
    Map<Integer, Types.NestedField> before = TypeUtil.indexById(from.asStruct());
    Map<Integer, Types.NestedField> after = TypeUtil.indexById(to.asStruct());
    Map<Integer, Integer> parents = TypeUtil.indexParents(to.asStruct());
    List<FieldChange> changes = new ArrayList<>();
    for (Map.Entry<Integer, Types.NestedField> entry : after.entrySet()) {
      int id = entry.getKey();
      Types.NestedField field = entry.getValue();
      String path = to.findColumnName(id);
      Types.NestedField old = before.get(id);
      if (old == null) {
        Integer parent = parents.get(id);
        if (parent == null || before.containsKey(parent)) {
          changes.add(change(id, SchemaChange.Kind.ADDED, path, null, field.type()));
        }
        continue;
      }
      if (old.type().isPrimitiveType() && !old.type().equals(field.type())) {
        changes.add(change(id, SchemaChange.Kind.PROMOTED, path, old.type(), field.type()));
      }
      if (old.isRequired() && field.isOptional()) {
        changes.add(change(id, SchemaChange.Kind.MADE_OPTIONAL, path, null, null));
      }
      if (!old.name().equals(field.name())) {
        changes.add(
            new FieldChange(
                id, new SchemaChange(SchemaChange.Kind.RENAMED, path, old.name(), field.name())));
      }
    }
    for (Map.Entry<Integer, Types.NestedField> entry : before.entrySet()) {
      if (!after.containsKey(entry.getKey())) {
        changes.add(
            new FieldChange(
                entry.getKey(),
                new SchemaChange(
                    SchemaChange.Kind.DROPPED,
                    from.findColumnName(entry.getKey()),
                    entry.getValue().type().toString(),
                    null)));
      }
    }
    changes.sort(java.util.Comparator.comparingInt(FieldChange::fieldId));
    return List.copyOf(changes);
  }

  private static FieldChange change(
      int id, SchemaChange.Kind kind, String path, Type before, Type after) {
    return new FieldChange(
        id,
        new SchemaChange(
            kind,
            path,
            before == null ? null : before.toString(),
            after == null ? null : after.toString()));
  }

  /** One changed field, by its id. */
  public record FieldChange(int fieldId, SchemaChange change) {
    public FieldChange {
      java.util.Objects.requireNonNull(change, "change is null");
    }
  }
}
