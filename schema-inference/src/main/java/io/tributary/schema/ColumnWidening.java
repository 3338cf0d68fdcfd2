package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;

/** A legal type promotion of an existing column: int to long, float to double, wider decimal. */
public record ColumnWidening(String path, Type.PrimitiveType from, Type.PrimitiveType to) {
  public ColumnWidening {
    requireNonNull(path, "path is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (!isLegal(from, to)) {
      throw new IllegalArgumentException(
          "not a legal widening of " + path + ": " + from + " to " + to);
    }
  }

  /** The promotions every reader of format v2 tables (Trino, Athena) understands. */
  static boolean isLegal(Type.PrimitiveType from, Type.PrimitiveType to) {
    return !from.equals(to) && TypeUtil.isPromotionAllowed(from, to);
  }
}
