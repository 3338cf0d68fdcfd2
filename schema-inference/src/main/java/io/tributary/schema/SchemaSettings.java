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
 * @param typeEvidencePercent when a field's values do not all fit one type, the share of them (in
 *     percent) that a typed column must hold exactly to be chosen over {@code string}; the others
 *     are rescued (see {@link ScalarObservation})
 * @param maxNewColumnsPerCommit the most fields (nested ones included) one commit may add; the
 *     fields seen in the most records go first, the others are rescued until a later commit
 * @param newColumnMinRecords the records of a batch a new top-level field must appear in to become
 *     a column, unless the batch holds at most {@link #SMALL_BATCH_RECORDS} records
 * @param youngTableCommits while a table has at most this many snapshots (and at most {@link
 *     #YOUNG_TABLE_MAX_ROWS} rows), a column the evidence turned against is re-typed by rewriting
 *     the table's data files; 0 never re-types
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
    int sampleBytes,
    int typeEvidencePercent,
    int maxNewColumnsPerCommit,
    int newColumnMinRecords,
    int youngTableCommits) {
  /** Glue rejects a column whose type string is longer. */
  public static final int GLUE_TYPE_STRING_LIMIT = 131_072;

  /**
   * A batch this small waives {@code newColumnMinRecords}: at low traffic a field arrives one
   * record at a time, and the per-commit column budget still holds.
   */
  public static final int SMALL_BATCH_RECORDS = 100;

  public static final int DEFAULT_TYPE_EVIDENCE_PERCENT = 90;
  public static final int DEFAULT_MAX_NEW_COLUMNS_PER_COMMIT = 200;
  public static final int DEFAULT_NEW_COLUMN_MIN_RECORDS = 2;
  public static final int DEFAULT_YOUNG_TABLE_COMMITS = 0;

  /** The most rows a re-typing rewrite reads and writes again. */
  public static final long YOUNG_TABLE_MAX_ROWS = 1_000_000;

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
    positive("max new columns per commit", maxNewColumnsPerCommit);
    positive("new column min records", newColumnMinRecords);
    if (youngTableCommits < 0) {
      throw new IllegalArgumentException(
          "young table commits must not be negative: " + youngTableCommits);
    }
    if (typeEvidencePercent < 50 || typeEvidencePercent > 100) {
      // Below a majority two types could both qualify; 100 is today's all-or-string rule.
      throw new IllegalArgumentException(
          "type evidence percent must be between 50 and 100: " + typeEvidencePercent);
    }
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

  /** The settings with the default evidence and column-budget rules. */
  public SchemaSettings(
      TypeConflict typeConflict,
      Map<String, FieldHint> hints,
      int mapKeyThreshold,
      TimestampDetection timestampDetection,
      int maxDepth,
      int maxColumns,
      int maxTypeStringBytes,
      Set<String> redactedFields,
      int sampleBytes) {
    this(
        typeConflict,
        hints,
        mapKeyThreshold,
        timestampDetection,
        maxDepth,
        maxColumns,
        maxTypeStringBytes,
        redactedFields,
        sampleBytes,
        DEFAULT_TYPE_EVIDENCE_PERCENT,
        DEFAULT_MAX_NEW_COLUMNS_PER_COMMIT,
        DEFAULT_NEW_COLUMN_MIN_RECORDS,
        DEFAULT_YOUNG_TABLE_COMMITS);
  }

  public SchemaSettings withTypeEvidencePercent(int percent) {
    return new SchemaSettings(
        typeConflict,
        hints,
        mapKeyThreshold,
        timestampDetection,
        maxDepth,
        maxColumns,
        maxTypeStringBytes,
        redactedFields,
        sampleBytes,
        percent,
        maxNewColumnsPerCommit,
        newColumnMinRecords,
        youngTableCommits);
  }

  public SchemaSettings withColumnBudget(int maxNewColumns, int minRecords) {
    return new SchemaSettings(
        typeConflict,
        hints,
        mapKeyThreshold,
        timestampDetection,
        maxDepth,
        maxColumns,
        maxTypeStringBytes,
        redactedFields,
        sampleBytes,
        typeEvidencePercent,
        maxNewColumns,
        minRecords,
        youngTableCommits);
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
        sampleBytes,
        typeEvidencePercent,
        maxNewColumnsPerCommit,
        newColumnMinRecords,
        youngTableCommits);
  }

  public SchemaSettings withYoungTableCommits(int commits) {
    return new SchemaSettings(
        typeConflict,
        hints,
        mapKeyThreshold,
        timestampDetection,
        maxDepth,
        maxColumns,
        maxTypeStringBytes,
        redactedFields,
        sampleBytes,
        typeEvidencePercent,
        maxNewColumnsPerCommit,
        newColumnMinRecords,
        commits);
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
