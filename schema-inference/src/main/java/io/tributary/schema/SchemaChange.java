package io.tributary.schema;

import static java.util.Objects.requireNonNull;

/**
 * One change of a table schema, as the drift ledger and the admin API show it.
 *
 * @param typeBefore the type before a promotion, else null
 * @param typeAfter the type of an added or promoted column, else null
 */
public record SchemaChange(Kind kind, String path, String typeBefore, String typeAfter) {
  public SchemaChange {
    requireNonNull(kind, "kind is null");
    requireNonNull(path, "path is null");
  }

  /** What happened to the column. */
  public enum Kind {
    ADDED,
    PROMOTED,
    MADE_OPTIONAL,
    DROPPED,
    RENAMED
  }
}
