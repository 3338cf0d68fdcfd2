package io.tributary.ingest.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.FieldHint;
import java.util.Map;

/**
 * One step of a transform chain. A step changes the record in place; it returns false when the
 * record is to be left out (a filter). Steps are built once from configuration and are used by one
 * pipeline thread at a time.
 */
public interface TransformStep {
  /** The step's type as configured: {@code mask}, {@code drop}, ... */
  String type();

  boolean apply(ObjectNode record) throws TransformException;

  /**
   * The schema hints of the fields this step leaves behind, given those of the steps before it (a
   * timestamp step hints its field as {@code timestamptz}; a rename moves a hint).
   */
  default Map<String, FieldHint> hints(Map<String, FieldHint> before) {
    return before;
  }

  /**
   * Loads what the step needs before its first record (a rule set, a database), so a pipeline pays
   * that while it starts instead of stalling its first commit round.
   */
  default void open() {}

  /** Whether the step masks values, so that clear values must not surface after a failure. */
  default boolean masks() {
    return false;
  }
}
