package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A step cannot handle a record's value. The message names the field and never holds the value; the
 * value travels apart so that it is shown only where no field is masked.
 */
public final class TransformException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_CHARACTERS = 64;

  private final transient Optional<String> value;

  TransformException(String message) {
    this(message, Optional.empty());
  }

  TransformException(String message, Optional<String> value) {
    super(requireNonNull(message, "message is null"));
    this.value = requireNonNull(value, "value is null");
  }

  /** The offending value, cut short, for pipelines that mask nothing. */
  Optional<String> value() {
    return value.map(
        text ->
            text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...");
  }
}
