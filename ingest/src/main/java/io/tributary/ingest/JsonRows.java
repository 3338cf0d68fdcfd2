package io.tributary.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.FieldProfiles;
import io.tributary.schema.ObservedStruct;
import io.tributary.schema.RecordSample;
import io.tributary.schema.SchemaChange;
import io.tributary.schema.SchemaSettings;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of a data table from decoded JSON objects, with the schema inferred over the batch, every
 * schema change recorded in the drift ledger, and the table's field profiles updated.
 */
final class JsonRows implements TableRows<ObjectNode> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRows.class);

  private final SchemaOnRead schemaOnRead;
  private final TableIdentifier identifier;
  // One converter per schema: building it walks the schema, rows of a batch share it.
  private final Map<Schema, RowConverter> converters = new IdentityHashMap<>();
  private SchemaSettings batchSettings;

  JsonRows(SchemaOnRead schemaOnRead, TableIdentifier identifier) {
    this.schemaOnRead = schemaOnRead;
    this.identifier = identifier;
  }

  @Override
  public Table prepare(TableIdentifier identifier, List<TableBatch.Entry<ObjectNode>> entries) {
    batchSettings = schemaOnRead.settings(identifier);
    ObservedStruct observed = new ObservedStruct(batchSettings);
    FieldProfiles profiles = schemaOnRead.profiles(identifier);
    long now = System.currentTimeMillis();
    int stride = SchemaOnRead.profileStride(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ObjectNode content = entries.get(i).content();
      observed.observe(content);
      if (i % stride == 0) {
        profiles.observe(content, now);
      }
    }
    Types.StructType observedType =
        observed.toStructType().map(Type::asStructType).orElse(Types.StructType.of());
    SchemaEvolver.Evolution evolution =
        schemaOnRead.evolver().evolve(identifier, observedType, observed.presence());
    if (evolution.changed()) {
      record(identifier, evolution, entries);
    }
    schemaOnRead.restoreOrPersistProfiles(identifier, evolution.table(), now);
    return evolution.table();
  }

  /**
   * Writes the change to the drift ledger. The ledger is a record of what happened, not part of the
   * data: a failure to write it is logged and never holds back the data commit.
   */
  private void record(
      TableIdentifier identifier,
      SchemaEvolver.Evolution evolution,
      List<TableBatch.Entry<ObjectNode>> entries) {
    TableBatch.Entry<ObjectNode> trigger = trigger(evolution.changes(), entries);
    DriftEvent event =
        new DriftEvent(
            UUID.randomUUID().toString(),
            schemaOnRead.pipeline(),
            identifier.toString(),
            evolution.schemaIdBefore(),
            evolution.table().schema().schemaId(),
            evolution.changes(),
            evolution.capped(),
            trigger == null ? "" : trigger.source().coordinates(),
            trigger == null
                ? ""
                : RecordSample.of(
                    trigger.content(),
                    schemaOnRead.settings().redactedFields(),
                    schemaOnRead.settings().sampleBytes()),
            Instant.now(),
            Optional.of(schemaOnRead.transformsVersion(identifier)));
    try {
      schemaOnRead.ledger().append(identifier, event);
    } catch (RuntimeException e) {
      LOG.warn("Cannot record schema change {} of {} in the drift ledger", event, identifier, e);
    }
  }

  /** The first buffered record holding a field that a change is about. */
  private static TableBatch.Entry<ObjectNode> trigger(
      List<SchemaChange> changes, List<TableBatch.Entry<ObjectNode>> entries) {
    for (SchemaChange change : changes) {
      for (TableBatch.Entry<ObjectNode> entry : entries) {
        if (RecordSample.holds(entry.content(), change.path())) {
          return entry;
        }
      }
    }
    return entries.isEmpty() ? null : entries.get(0);
  }

  @Override
  public Record row(Table table, TableBatch.Entry<ObjectNode> entry) {
    Schema schema = table.schema();
    RowConverter converter = converters.get(schema);
    if (converter == null) {
      converters.clear();
      FieldProfiles profiles = schemaOnRead.profiles(identifier);
      converter =
          new RowConverter(
              schema,
              batchSettings == null ? schemaOnRead.settings(identifier) : batchSettings,
              profiles::rescued);
      converters.put(schema, converter);
    }
    return converter.convert(entry.content(), entry.source());
  }
}
