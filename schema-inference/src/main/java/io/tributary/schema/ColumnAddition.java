package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.iceberg.types.Type;

/**
 * One optional column to add to a table, under {@code parent} (a dotted path to a struct column) or
 * at the top level when no parent is given.
 *
 * @param doc the source field's original name, kept because normalization may have changed it
 */
public record ColumnAddition(
    Optional<String> parent, String name, Type type, Optional<String> doc) {
  public ColumnAddition {
    requireNonNull(parent, "parent is null");
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(doc, "doc is null");
    if (!ColumnNames.isNormalized(name)) {
      throw new IllegalArgumentException("column name is not normalized: " + name);
    }
  }

  public ColumnAddition(Optional<String> parent, String name, Type type) {
    this(parent, name, type, Optional.empty());
  }

  public String path() {
    return parent.map(p -> p + "." + name).orElse(name);
  }
}
