package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Why a record could not become a row: the error's kind and a message naming the record.
 *
 * @param maskedParse the record as transformed, with every masked field masked, when there is one;
 *     a pipeline that masks fields keeps it instead of the raw bytes
 */
record DeadLetter(String errorClass, String message, Optional<ObjectNode> maskedParse) {
  DeadLetter {
    requireNonNull(errorClass, "errorClass is null");
    requireNonNull(message, "message is null");
    requireNonNull(maskedParse, "maskedParse is null");
  }

  DeadLetter(String errorClass, String message) {
    this(errorClass, message, Optional.empty());
  }

  static DeadLetter of(Exception error) {
    return new DeadLetter(error.getClass().getName(), String.valueOf(error.getMessage()));
  }

  static DeadLetter unroutable(String message) {
    return new DeadLetter("io.tributary.ingest.UnroutableRecord", message);
  }

  DeadLetter withMaskedParse(Optional<ObjectNode> parse) {
    return new DeadLetter(errorClass, message, parse);
  }
}
