package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where tables live: the catalog kind, the warehouse location and pass-through properties for the
 * Iceberg catalog and its {@code FileIO} (for example {@code uri}, {@code s3.endpoint}).
 *
 * @param hiveLockEnabled whether Hive Metastore commits take a metastore lock. Without it a commit
 *     is a conditional update of the table's metadata location, which Hive Metastore 4 checks
 *     atomically (HIVE-26882); older metastores ignore the condition, so only turn locks off on 4.
 *     A writer killed while holding a lock leaves it until the metastore times it out (5 minutes by
 *     default), and every commit to that table waits that long.
 */
public record CatalogSettings(
    String name,
    CatalogType type,
    String warehouse,
    Map<String, String> properties,
    boolean hiveLockEnabled) {
  public CatalogSettings {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(warehouse, "warehouse is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    if (name.isBlank()) {
      throw new IllegalArgumentException("catalog name is blank");
    }
    if (warehouse.isBlank()) {
      throw new IllegalArgumentException("catalog warehouse is blank");
    }
  }

  /** Settings with Hive Metastore locks on, the safe choice for every metastore version. */
  public CatalogSettings(
      String name, CatalogType type, String warehouse, Map<String, String> properties) {
    this(name, type, warehouse, properties, true);
  }
}
