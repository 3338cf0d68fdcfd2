package io.tributary.service.rest;

import io.tributary.service.schema.TableSchemas;
import java.time.Instant;
import java.util.List;

/** One schema of a table in its timeline. */
public record SchemaVersionView(
    int schemaId,
    int fieldCount,
    Instant recorded,
    List<SchemaDiffView.FieldChangeView> changesFromPrevious) {
  static SchemaVersionView of(TableSchemas.SchemaVersion version) {
    return new SchemaVersionView(
        version.schemaId(),
        version.fieldCount(),
        version.recorded(),
        version.changes().stream().map(SchemaDiffView.FieldChangeView::of).toList());
  }
}
