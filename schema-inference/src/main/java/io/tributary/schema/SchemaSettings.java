package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a pipeline infers and evolves table schemas.
 *
 * @param typeConflict where a value goes that does not fit its column
 * @param hints forced forms of fields, by normalized dotted path ({@code customer.created_at})
 * @param mapKeyThreshold objects with more distinct keys than this over a batch become {@code
 *     map<string, T>} instead of one column per key
 * @param timestampDetection whether ISO-8601 strings with an offset become {@code timestamptz}
 *     without a hint
 * @param maxDepth nesting below this depth is not given columns (its values are rescued)
 * @param maxColumns the most fields a table schema may hold, nested ones included
 * @param maxTypeStringBytes the longest Glue/Hive type string of one top-level column
 * @param redactedFields normalized dotted paths masked in drift-ledger samples
 * @param sampleBytes the longest record sample kept in the drift ledger
 */
public record SchemaSettings(
    TypeConflict typeConflict,
    Map<String, FieldHint> hints,
    int mapKeyThreshold,
    TimestampDetection timestampDetection,
    int maxDepth,
    int maxColumns,
    int maxTypeStringBytes,
    Set<String> redactedFields,
    int sampleBytes) {
  /** Glue rejects a column whose type string is longer. */
  public static final int GLUE_TYPE_STRING_LIMIT = 131_072;

  public SchemaSettings {
    requireNonNull(typeConflict, "typeConflict is null");
    hints = Map.copyOf(requireNonNull(hints, "hints is null"));
    requireNonNull(timestampDetection, "timestampDetection is null");
    redactedFields = Set.copyOf(requireNonNull(redactedFields, "redactedFields is null"));
    positive("map key threshold", mapKeyThreshold);
    positive("max depth", maxDepth);
    positive("max columns", maxColumns);
    positive("max type string bytes", maxTypeStringBytes);
    positive("sample bytes", sampleBytes);
    if (maxTypeStringBytes > GLUE_TYPE_STRING_LIMIT) {
      throw new IllegalArgumentException(
          "max type string bytes "
              + maxTypeStringBytes
              + " is over Glue's limit of "
              + GLUE_TYPE_STRING_LIMIT);
    }
    for (String path : hints.keySet()) {
      for (String segment : path.split("\\.", -1)) {
        if (!ColumnNames.isNormalized(segment)) {
          throw new IllegalArgumentException(
              "hint path '" + path + "' must be normalized: lowercase, [a-z0-9_] and dots");
        }
      }
    }
  }

  public static SchemaSettings defaults() {
    return new SchemaSettings(
        TypeConflict.RESCUE,
        Map.of(),
        50,
        TimestampDetection.HINTS_ONLY,
        16,
        2_000,
        GLUE_TYPE_STRING_LIMIT,
        Set.of(),
        1_024);
  }

  public SchemaSettings withHints(Map<String, FieldHint> newHints) {
    return new SchemaSettings(
        typeConflict,
        newHints,
        mapKeyThreshold,
        timestampDetection,
        maxDepth,
        maxColumns,
        maxTypeStringBytes,
        redactedFields,
        sampleBytes);
  }

  public Optional<FieldHint> hint(String path) {
    return Optional.ofNullable(hints.get(path));
  }

  private static void positive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + value);
    }
  }

  /** Where a value goes that does not fit the type of its existing column. */
  public enum TypeConflict {
    /** Into the row's {@code _rescued_data} JSON, under its JSON path. */
    RESCUE,
    /** Into a typed sibling column {@code <name>__<type>}, so it stays queryable with its type. */
    SIBLING
  }

  /** Whether strings that look like timestamps become timestamp columns by themselves. */
  public enum TimestampDetection {
    /** Only fields with a hint (or the event-time field) become timestamps. */
    HINTS_ONLY,
    /** A field whose every string in the batch is ISO-8601 with an offset becomes timestamptz. */
    ISO_WITH_OFFSET
  }
}
