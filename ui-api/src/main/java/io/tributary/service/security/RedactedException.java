package io.tributary.service.security;

/**
 * A stand-in for an exception whose message quoted a secret: the original class name, the masked
 * message and the original stack trace, with its causes treated the same way.
 */
final class RedactedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DEPTH = 32;

  private RedactedException(String message, StackTraceElement[] stackTrace, Throwable cause) {
    super(message, cause, true, true);
    setStackTrace(stackTrace);
  }

  static Throwable of(Throwable original, SecretValues secrets) {
    return copy(original, secrets, 0);
  }

  private static Throwable copy(Throwable original, SecretValues secrets, int depth) {
    Throwable cause =
        original.getCause() == null || original.getCause() == original || depth >= MAX_DEPTH
            ? null
            : copy(original.getCause(), secrets, depth + 1);
    RedactedException copy =
        new RedactedException(
            original.getClass().getName() + ": " + secrets.redact(original.getMessage()),
            original.getStackTrace(),
            cause);
    for (Throwable suppressed : original.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, secrets, MAX_DEPTH));
    }
    return copy;
  }

  @Override
  public String toString() {
    // The original class name is already the start of the message.
    return getMessage();
  }
}
