package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Finds the tables a pipeline writes, so that recovery reads every one of them. A table belongs to
 * a pipeline once it carries the pipeline's marker property, set before its first append.
 */
final class PipelineTables {
  private final Catalog catalog;
  private final String markerKey;
  private final List<Namespace> namespaces;

  PipelineTables(Catalog catalog, String pipeline, List<Namespace> namespaces) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.markerKey = "tributary.pipeline." + requireNonNull(pipeline, "pipeline is null");
    this.namespaces = List.copyOf(namespaces);
  }

  String markerKey() {
    return markerKey;
  }

  Set<TableIdentifier> discover() {
    Set<TableIdentifier> tables = new HashSet<>();
    for (Namespace namespace : namespaces) {
      if (catalog instanceof SupportsNamespaces supports && !supports.namespaceExists(namespace)) {
        continue;
      }
      List<TableIdentifier> identifiers;
      try {
        identifiers = catalog.listTables(namespace);
      } catch (NoSuchNamespaceException dropped) {
        continue;
      }
      for (TableIdentifier identifier : identifiers) {
        try {
          if (catalog.loadTable(identifier).properties().containsKey(markerKey)) {
            tables.add(identifier);
          }
        } catch (NoSuchTableException dropped) {
          // Dropped between listing and loading: nothing of it to recover.
        }
      }
    }
    return tables;
  }

  /** Marks a table as this pipeline's before the pipeline appends to it for the first time. */
  Table adopt(Table table) {
    if (!table.properties().containsKey(markerKey)) {
      table.updateProperties().set(markerKey, "true").commit();
      table.refresh();
    }
    return table;
  }
}
