package io.tributary.catalog;

/** The catalog could not be opened: its server did not answer, or refused the client. */
public final class CatalogUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CatalogUnavailableException(String name, String endpoint, RuntimeException cause) {
    super("Cannot open catalog " + name + " at " + endpoint + ": " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure.getMessage() + " (" + root + ")";
  }
}
