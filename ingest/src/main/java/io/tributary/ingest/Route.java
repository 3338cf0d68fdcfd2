package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.catalog.TableIdentifier;

/** Where one record goes: a table, or the dead-letter table with the reason. */
sealed interface Route {
  record ToTable(TableIdentifier table) implements Route {
    public ToTable {
      requireNonNull(table, "table is null");
    }
  }

  record ToDeadLetter(String reason) implements Route {
    public ToDeadLetter {
      requireNonNull(reason, "reason is null");
    }
  }
}
