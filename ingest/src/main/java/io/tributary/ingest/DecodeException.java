package io.tributary.ingest;

/** A record's bytes cannot become a row; the record goes to the dead-letter table. */
final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  DecodeException(String message) {
    super(message);
  }

  DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
