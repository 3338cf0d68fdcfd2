package io.tributary.ingest;

import io.tributary.catalog.TableProvisioner;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/** Rows of the dead-letter table, whose schema is fixed. */
final class DeadLetterRows implements TableRows<DeadLetter> {
  private final TableProvisioner provisioner;
  private final Schema schema;
  private final Map<String, String> tableProperties;

  DeadLetterRows(TableProvisioner provisioner, Schema schema, Map<String, String> tableProperties) {
    this.provisioner = provisioner;
    this.schema = schema;
    this.tableProperties = Map.copyOf(tableProperties);
  }

  @Override
  public Table prepare(TableIdentifier identifier, List<TableBatch.Entry<DeadLetter>> entries) {
    return provisioner.loadOrCreate(identifier, schema, DeadLetters.spec(schema), tableProperties);
  }

  @Override
  public Record row(Table table, TableBatch.Entry<DeadLetter> entry) {
    return DeadLetters.row(table.schema(), entry.source(), entry.content());
  }
}
