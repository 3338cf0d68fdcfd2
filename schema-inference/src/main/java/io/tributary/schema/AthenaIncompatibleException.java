package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table or schema change that Athena could not read. Not an {@link IllegalArgumentException}:
 * retrying the same change cannot help, and callers retry those on concurrent schema changes.
 */
public final class AthenaIncompatibleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<AthenaRules.Violation> violations;

  AthenaIncompatibleException(String table, List<AthenaRules.Violation> violations) {
    super(
        "Table "
            + requireNonNull(table, "table is null")
            + " would not be readable by Athena: "
            + violations.stream().map(Object::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<AthenaRules.Violation> violations() {
    return violations;
  }
}
