package io.tributary.ingest;

import io.tributary.catalog.TableProvisioner;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** Rows of the dead-letter table, whose schema is fixed. */
final class DeadLetterRows implements TableRows<DeadLetter> {
  private final TableProvisioner provisioner;
  private final Schema schema;
  private final Map<String, String> tableProperties;
  private final boolean keepRaw;

  /**
   * @param keepRaw whether rows keep the records' raw bytes, or their masked parse (a pipeline
   *     masking fields)
   */
  DeadLetterRows(
      TableProvisioner provisioner,
      Schema schema,
      Map<String, String> tableProperties,
      boolean keepRaw) {
    this.provisioner = provisioner;
    this.schema = schema;
    this.tableProperties = Map.copyOf(tableProperties);
    this.keepRaw = keepRaw;
  }

  @Override
  public Table prepare(TableIdentifier identifier, List<TableBatch.Entry<DeadLetter>> entries) {
    Table table =
        provisioner.loadOrCreate(identifier, schema, DeadLetters.spec(schema), tableProperties);
    if (table.schema().findField(DeadLetters.VALUE_FORM) == null) {
      // Created by an earlier version; the column says what raw_value holds.
      Types.NestedField form = DeadLetters.valueForm();
      table.updateSchema().addColumn(form.name(), form.type(), form.doc()).commit();
      table.refresh();
    }
    return table;
  }

  @Override
  public Record row(Table table, TableBatch.Entry<DeadLetter> entry) {
    return DeadLetters.row(table.schema(), entry.source(), entry.content(), keepRaw);
  }
}
