package io.tributary.ingest;

import org.apache.iceberg.catalog.TableIdentifier;

/** One destination table of a pipeline: what is buffered for it and what it already holds. */
final class TableSink<T> {
  private final TableIdentifier identifier;
  private final TableRows<T> rows;
  private final TableBatch<T> batch = new TableBatch<>();
  private final TableState state;
  private final TableHealth health = new TableHealth();
  private boolean tableExists;

  TableSink(TableIdentifier identifier, TableRows<T> rows) {
    this.identifier = identifier;
    this.rows = rows;
    this.state = new TableState(identifier);
  }

  TableIdentifier identifier() {
    return identifier;
  }

  TableRows<T> rows() {
    return rows;
  }

  TableBatch<T> batch() {
    return batch;
  }

  TableState state() {
    return state;
  }

  TableHealth health() {
    return health;
  }

  /** Whether the table exists in the catalog as this pipeline's, so its positions count. */
  boolean tableExists() {
    return tableExists;
  }

  void markTableExists() {
    tableExists = true;
  }

  /** Dropped behind the pipeline's back: it is created again like a new table. */
  void markTableMissing() {
    tableExists = false;
  }
}
