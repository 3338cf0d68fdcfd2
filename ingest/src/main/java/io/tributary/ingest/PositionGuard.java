package io.tributary.ingest;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;

/**
 * Runs inside Iceberg's commit retry loop against the refreshed table state: the commit goes
 * through only if, for every partition it covers, the table is still exactly where this writer
 * believed it was. A retried commit whose first attempt landed, a stale replica and a zombie all
 * see positions that have moved and are refused, so no range is ever committed twice.
 */
final class PositionGuard implements SnapshotAncestryValidator {
  private final Map<SourcePartition, Optional<SourcePosition>> expected;
  private String failure = "";

  PositionGuard(Map<SourcePartition, Optional<SourcePosition>> expected) {
    this.expected = Map.copyOf(expected);
  }

  @Override
  public boolean validate(Iterable<Snapshot> ancestry) {
    Map<SourcePartition, SourcePosition> actual =
        SourcePositions.committed(ancestry, expected.keySet());
    for (Map.Entry<SourcePartition, Optional<SourcePosition>> entry : expected.entrySet()) {
      Optional<SourcePosition> current = Optional.ofNullable(actual.get(entry.getKey()));
      if (!current.equals(entry.getValue())) {
        failure =
            "table position for "
                + entry.getKey()
                + " is "
                + current.map(String::valueOf).orElse("none")
                + " but this writer expected "
                + entry.getValue().map(String::valueOf).orElse("none");
        return false;
      }
    }
    return true;
  }

  @Override
  public String errorMessage() {
    return "Source positions moved under this commit: " + failure;
  }
}
