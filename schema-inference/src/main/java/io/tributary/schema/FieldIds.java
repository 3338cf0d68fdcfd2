package io.tributary.schema;

/**
 * Inferred types carry placeholder field ids; the table assigns real ids when a column is added
 * through {@code UpdateSchema}, so ids never leak from inference into table metadata.
 */
final class FieldIds {
  static final int PLACEHOLDER = 0;

  private FieldIds() {}
}
