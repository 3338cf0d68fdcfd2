package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The automatic changes a table needs so that observed records fit: optional columns to add, legal
 * widenings, columns to make optional. Never a drop, rename or reorder. {@code capped} names the
 * fields that were not given a column because a configured limit was reached; their values are
 * rescued. {@code contested} names the top-level columns the batch's evidence turned against; only
 * a young table acts on them.
 */
public record SchemaChanges(
    List<ColumnAddition> additions,
    List<ColumnWidening> widenings,
    List<String> madeOptional,
    List<String> capped,
    List<ColumnRetype> contested) {
  public SchemaChanges {
    additions = List.copyOf(requireNonNull(additions, "additions is null"));
    widenings = List.copyOf(requireNonNull(widenings, "widenings is null"));
    madeOptional = List.copyOf(requireNonNull(madeOptional, "madeOptional is null"));
    capped = List.copyOf(requireNonNull(capped, "capped is null"));
    contested = List.copyOf(requireNonNull(contested, "contested is null"));
  }

  public SchemaChanges(
      List<ColumnAddition> additions,
      List<ColumnWidening> widenings,
      List<String> madeOptional,
      List<String> capped) {
    this(additions, widenings, madeOptional, capped, List.of());
  }

  /** Whether the table's schema has to change. */
  public boolean isEmpty() {
    return additions.isEmpty() && widenings.isEmpty() && madeOptional.isEmpty();
  }

  /** One line per change, for logs and the drift ledger. */
  public List<SchemaChange> describe() {
    List<SchemaChange> changes = new ArrayList<>();
    additions.forEach(
        addition ->
            changes.add(
                new SchemaChange(
                    SchemaChange.Kind.ADDED, addition.path(), null, addition.type().toString())));
    widenings.forEach(
        widening ->
            changes.add(
                new SchemaChange(
                    SchemaChange.Kind.PROMOTED,
                    widening.path(),
                    widening.from().toString(),
                    widening.to().toString())));
    madeOptional.forEach(
        path -> changes.add(new SchemaChange(SchemaChange.Kind.MADE_OPTIONAL, path, null, null)));
    return changes;
  }
}
