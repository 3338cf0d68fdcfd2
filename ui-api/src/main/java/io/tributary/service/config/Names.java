package io.tributary.service.config;

/** Name rules that Trino, Athena and Glue all accept. */
final class Names {
  static final String NAMESPACE = "[a-z0-9_]+";
  static final String NAMESPACE_MESSAGE = "must match [a-z0-9_]+";
  static final String TABLE = "[a-z0-9_]+\\.[a-z0-9_]+";
  static final String TABLE_MESSAGE = "must be namespace.table, each part matching [a-z0-9_]+";

  private Names() {}
}
