package io.tributary.ingest;

import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/** How a sink's buffered content becomes rows of its table. */
interface TableRows<T> {
  /** Loads or creates the table, and makes its schema hold the entries before they are written. */
  Table prepare(TableIdentifier identifier, List<TableBatch.Entry<T>> entries);

  Record row(Table table, TableBatch.Entry<T> entry);
}
