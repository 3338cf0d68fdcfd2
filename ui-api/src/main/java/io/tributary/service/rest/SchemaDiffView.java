package io.tributary.service.rest;

import io.tributary.schema.SchemaChange;
import io.tributary.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.List;

/** The changes between two schemas of a table, grouped by kind and named by field id. */
public record SchemaDiffView(
    int from,
    int to,
    List<FieldChangeView> added,
    List<FieldChangeView> promoted,
    List<FieldChangeView> madeOptional,
    List<FieldChangeView> other) {
  static SchemaDiffView of(int from, int to, List<SchemaDiff.FieldChange> changes) {
    List<FieldChangeView> added = new ArrayList<>();
    List<FieldChangeView> promoted = new ArrayList<>();
    List<FieldChangeView> madeOptional = new ArrayList<>();
    List<FieldChangeView> other = new ArrayList<>();
    for (SchemaDiff.FieldChange change : changes) {
      FieldChangeView view = FieldChangeView.of(change);
      SchemaChange.Kind kind = change.change().kind();
      switch (kind) {
        case ADDED -> added.add(view);
        case PROMOTED -> promoted.add(view);
        case MADE_OPTIONAL -> madeOptional.add(view);
        default -> other.add(view);
      }
    }
    return new SchemaDiffView(from, to, added, promoted, madeOptional, other);
  }

  /** One changed field. */
  public record FieldChangeView(
      Integer fieldId, String kind, String path, String typeBefore, String typeAfter) {
    static FieldChangeView of(SchemaDiff.FieldChange change) {
      return of(change.fieldId(), change.change());
    }

    static FieldChangeView of(Integer fieldId, SchemaChange change) {
      return new FieldChangeView(
          fieldId,
          change.kind().name().toLowerCase(java.util.Locale.ROOT),
          change.path(),
          change.typeBefore(),
          change.typeAfter());
    }
  }
}
