package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A step cannot handle a record's value. The message names the field and never holds the value; the
 * value travels apart so that it is shown only where no field is masked.
 */
public final class TransformException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_CHARACTERS = 200;

  private final transient Optional<String> detail;

  TransformException(String message) {
    this(message, Optional.empty());
  }

  TransformException(String message, Optional<String> detail) {
    super(requireNonNull(message, "message is null"));
    this.detail = requireNonNull(detail, "detail is null");
  }

  /** The offending value, quoted, for a detail such as {@code was '07/01/2024'}. */
  static Optional<String> was(String value) {
    String shown = value.length() <= 64 ? value : value.substring(0, 64) + "...";
    return Optional.of("was '" + shown + "'");
  }

  /** What may quote the value, cut short, for pipelines that mask nothing. */
  Optional<String> detail() {
    return detail.map(
        text ->
            text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...");
  }
}
