package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.types.Type;

/**
 * A top-level column whose type the batch's evidence turned against: most of its values now fit
 * {@code to}, which no legal widening of {@code from} reaches. Only a young table acts on it, by
 * rewriting its few data files with the column in the new type.
 */
public record ColumnRetype(String name, Type from, Type to) {
  public ColumnRetype {
    requireNonNull(name, "name is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
  }
}
