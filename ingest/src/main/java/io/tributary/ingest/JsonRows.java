package io.tributary.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.ObservedStruct;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/** Rows of a data table from decoded JSON objects, with the schema inferred over the batch. */
final class JsonRows implements TableRows<ObjectNode> {
  private final SchemaEvolver schemaEvolver;
  // One converter per schema: building it walks the schema, rows of a batch share it.
  private final Map<Schema, RowConverter> converters = new IdentityHashMap<>();

  JsonRows(SchemaEvolver schemaEvolver) {
    this.schemaEvolver = schemaEvolver;
  }

  @Override
  public Table prepare(TableIdentifier identifier, List<TableBatch.Entry<ObjectNode>> entries) {
    ObservedStruct observed = new ObservedStruct();
    entries.forEach(entry -> observed.observe(entry.content()));
    return schemaEvolver.evolve(identifier, observed);
  }

  @Override
  public Record row(Table table, TableBatch.Entry<ObjectNode> entry) {
    Schema schema = table.schema();
    if (!converters.containsKey(schema)) {
      converters.clear();
      converters.put(schema, new RowConverter(schema));
    }
    return converters.get(schema).convert(entry.content(), entry.source());
  }
}
