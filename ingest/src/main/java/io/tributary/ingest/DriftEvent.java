package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.schema.SchemaChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One schema change of a data table, as the drift ledger keeps it.
 *
 * @param schemaIdBefore absent when the change created the table
 * @param capped fields left without a column because a limit was reached (their values are rescued)
 * @param sourcePosition coordinates of the first record of the batch that needed the change
 * @param sample that record, with configured fields redacted and cut to the configured size
 * @param transformsVersion a fingerprint of the transform steps the table's records went through
 *     ({@code none} without steps); absent in events recorded before it was kept
 */
public record DriftEvent(
    String eventId,
    String pipeline,
    String table,
    Optional<Integer> schemaIdBefore,
    int schemaIdAfter,
    List<SchemaChange> changes,
    List<String> capped,
    String sourcePosition,
    String sample,
    Instant time,
    Optional<String> transformsVersion) {
  public DriftEvent {
    requireNonNull(eventId, "eventId is null");
    requireNonNull(pipeline, "pipeline is null");
    requireNonNull(table, "table is null");
    requireNonNull(schemaIdBefore, "schemaIdBefore is null");
    changes = List.copyOf(requireNonNull(changes, "changes is null"));
    capped = List.copyOf(requireNonNull(capped, "capped is null"));
    requireNonNull(sourcePosition, "sourcePosition is null");
    requireNonNull(sample, "sample is null");
    requireNonNull(time, "time is null");
    requireNonNull(transformsVersion, "transformsVersion is null");
  }

  /**
   * Whether the batch behind the event tried to add more columns than the column budget allows, or
   * brought fields only a single record carried: typically one record with thousands of keys. Its
   * sample shows the record; the user may declare such an object a map.
   */
  public boolean suspect() {
    return capped.stream()
        .anyMatch(
            field ->
                field.endsWith(")")
                    && (field.contains("(over max-new-columns-per-commit ")
                        || field.contains(" records, under new-column-min-records ")));
  }

  /** Whether a change touched the field or something inside it. */
  public boolean touches(String field) {
    return changes.stream()
        .anyMatch(change -> change.path().equals(field) || change.path().startsWith(field + "."));
  }
}
