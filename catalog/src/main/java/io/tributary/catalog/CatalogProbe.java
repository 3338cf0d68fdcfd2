package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

/** Tells whether the catalog answers, for readiness checks. */
public final class CatalogProbe {
  private final Catalog catalog;

  public CatalogProbe(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** Throws when the catalog cannot be reached; returns normally when it answered. */
  public void check() {
    if (catalog instanceof SupportsNamespaces namespaces) {
      namespaces.listNamespaces(Namespace.empty());
    } else {
      catalog.listTables(Namespace.empty());
    }
  }
}
