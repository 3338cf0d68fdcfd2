package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What a transform chain made of one record. */
public sealed interface TransformResult {
  /** The record, transformed, goes on to its table. */
  record Kept(ObjectNode record) implements TransformResult {
    public Kept {
      requireNonNull(record, "record is null");
    }
  }

  /** A filter left the record out; it is counted, not dead-lettered. */
  record Filtered(String step) implements TransformResult {
    public Filtered {
      requireNonNull(step, "step is null");
    }
  }

  /**
   * A step could not handle the record, which goes to the dead-letter table.
   *
   * @param message names the record, the step and the field, never a value of a masking pipeline
   * @param maskedParse the record as far as it was transformed, when every mask had run on it
   */
  record Failed(String message, Optional<ObjectNode> maskedParse) implements TransformResult {
    public Failed {
      requireNonNull(message, "message is null");
      requireNonNull(maskedParse, "maskedParse is null");
    }
  }
}
