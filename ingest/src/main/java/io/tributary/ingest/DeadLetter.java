package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

/** Why a record could not become a row: the error's kind and a message naming the record. */
record DeadLetter(String errorClass, String message) {
  DeadLetter {
    requireNonNull(errorClass, "errorClass is null");
    requireNonNull(message, "message is null");
  }

  static DeadLetter of(Exception error) {
    return new DeadLetter(error.getClass().getName(), String.valueOf(error.getMessage()));
  }

  static DeadLetter unroutable(String message) {
    return new DeadLetter("io.tributary.ingest.UnroutableRecord", message);
  }
}
