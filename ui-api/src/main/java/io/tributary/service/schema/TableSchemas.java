package io.tributary.service.schema;

import io.tributary.ingest.DriftEvent;
import io.tributary.ingest.DriftLedger;
import io.tributary.schema.FieldProfileView;
import io.tributary.schema.SchemaDiff;
import io.tributary.service.pipeline.PipelineSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The schema history of the pipelines' tables: the schemas Iceberg keeps, the diffs between them by
 * field id, the drift ledger's events, and the live field profiles.
 */
@ApplicationScoped
public class TableSchemas {
  private final Catalog catalog;
  private final PipelineSupervisor supervisor;
  private final DriftLedger ledger;

  TableSchemas(Catalog catalog, PipelineSupervisor supervisor) {
    this.catalog = catalog;
    this.supervisor = supervisor;
    this.ledger = new DriftLedger(catalog);
  }

  /** One schema of a table, with the changes from the one before and when the ledger saw it. */
  public record SchemaVersion(
      int schemaId, int fieldCount, Instant recorded, List<SchemaDiff.FieldChange> changes) {}

  public boolean isPipelineTable(TableIdentifier table) {
    return supervisor.tables().contains(table);
  }

  /** Every schema the table had, oldest first. */
  public List<SchemaVersion> timeline(TableIdentifier identifier) {
    Table table = catalog.loadTable(identifier);
    Map<Integer, Instant> recorded = new HashMap<>();
    for (DriftEvent event :
        ledger.events(identifier, Optional.empty(), Optional.empty(), Optional.empty())) {
      recorded.putIfAbsent(event.schemaIdAfter(), event.time());
    }
    List<Schema> schemas = new ArrayList<>(table.schemas().values());
    schemas.sort(java.util.Comparator.comparingInt(Schema::schemaId));
    List<SchemaVersion> versions = new ArrayList<>();
    Schema previous = new Schema();
    for (Schema schema : schemas) {
      versions.add(
          new SchemaVersion(
              schema.schemaId(),
              org.apache.iceberg.types.TypeUtil.indexById(schema.asStruct()).size(),
              recorded.get(schema.schemaId()),
              SchemaDiff.between(previous, schema)));
      previous = schema;
    }
    return versions;
  }

  /** The changes from schema {@code from} to schema {@code to}; empty when either is unknown. */
  public Optional<List<SchemaDiff.FieldChange>> diff(TableIdentifier identifier, int from, int to) {
    Map<Integer, Schema> schemas = catalog.loadTable(identifier).schemas();
    if (!schemas.containsKey(from) || !schemas.containsKey(to)) {
      return Optional.empty();
    }
    return Optional.of(SchemaDiff.between(schemas.get(from), schemas.get(to)));
  }

  public List<DriftEvent> driftEvents(
      TableIdentifier identifier,
      Optional<String> field,
      Optional<Instant> since,
      Optional<Instant> until) {
    return ledger.events(identifier, field, since, until);
  }

  public Optional<List<FieldProfileView>> fields(TableIdentifier identifier) {
    return supervisor.fieldProfiles(identifier);
  }
}
