package io.tributary.schema;

import java.util.Map;

/**
 * In how many records of a batch each top-level field appeared with a value, so the planner can
 * give columns to the fields with evidence first and refuse fields that one record brought alone.
 *
 * @param records the records observed
 * @param fields by normalized column name; a field not listed counts as seen in every record
 */
public record FieldPresence(long records, Map<String, Long> fields) {
  public FieldPresence {
    if (records < 0) {
      throw new IllegalArgumentException("records must not be negative: " + records);
    }
    fields = Map.copyOf(fields);
  }

  /** Nothing known: every field counts as seen in every record, and the batch as small. */
  public static FieldPresence unknown() {
    return new FieldPresence(0, Map.of());
  }

  long of(String name) {
    return fields.getOrDefault(name, records);
  }

  boolean isSmallBatch() {
    return records <= SchemaSettings.SMALL_BATCH_RECORDS;
  }
}
