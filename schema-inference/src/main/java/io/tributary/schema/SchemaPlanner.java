package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Decides which columns a table needs so that observed records fit, applying type hints. It only
 * ever adds optional columns: existing columns are never dropped, renamed or retyped here, because
 * values that do not fit an existing column are rescued instead of changing the column.
 */
public final class SchemaPlanner {
  private final Map<String, Type> hints;

  /**
   * @param hints types forced for top-level columns, by normalized column name
   */
  public SchemaPlanner(Map<String, Type> hints) {
    this.hints = Map.copyOf(requireNonNull(hints, "hints is null"));
  }

  public List<ColumnAddition> plan(Types.StructType table, Types.StructType observed) {
    requireNonNull(table, "table is null");
    requireNonNull(observed, "observed is null");
    List<ColumnAddition> additions = new ArrayList<>();
    collect(Optional.empty(), table, observed, additions);
    return List.copyOf(additions);
  }

  /** The type a new top-level column gets: the hint when one is configured, else the observed. */
  public Type columnType(String name, Type observed) {
    return hints.getOrDefault(name, observed);
  }

  /** Descends into structs, and into structs held by lists ({@code items.element}). */
  private void collectNested(
      String path, Type existing, Type observed, List<ColumnAddition> additions) {
    if (existing.isStructType() && observed.isStructType()) {
      collect(Optional.of(path), existing.asStructType(), observed.asStructType(), additions);
    } else if (existing.isListType() && observed.isListType()) {
      collectNested(
          path + ".element",
          existing.asListType().elementType(),
          observed.asListType().elementType(),
          additions);
    }
  }

  private void collect(
      Optional<String> parent,
      Types.StructType table,
      Types.StructType observed,
      List<ColumnAddition> additions) {
    for (Types.NestedField field : observed.fields()) {
      Types.NestedField existing = table.field(field.name());
      if (existing == null) {
        Type type = parent.isEmpty() ? columnType(field.name(), field.type()) : field.type();
        additions.add(new ColumnAddition(parent, field.name(), type));
      } else {
        String path = parent.map(p -> p + "." + field.name()).orElse(field.name());
        collectNested(path, existing.type(), field.type(), additions);
      }
    }
  }
}
