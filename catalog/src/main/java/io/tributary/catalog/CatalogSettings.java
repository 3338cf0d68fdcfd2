package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where tables live: the catalog kind, the warehouse location and pass-through properties for the
 * Iceberg catalog and its {@code FileIO} (for example {@code uri}, {@code s3.endpoint}).
 */
public record CatalogSettings(
    String name, CatalogType type, String warehouse, Map<String, String> properties) {
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
}
