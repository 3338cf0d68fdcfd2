package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A catalog opened on first use, and opened again on the next use while opening fails. Iceberg's
 * REST catalog asks its server for its configuration as it opens; without this, a service started
 * while the server is down would fail to start instead of reporting "not ready" and catching up
 * once the server answers.
 */
final class DeferredCatalog implements Catalog, SupportsNamespaces, Closeable {
  private final String name;
  private final String endpoint;
  private final Supplier<Catalog> opener;
  private volatile Catalog delegate;

  DeferredCatalog(String name, String endpoint, Supplier<Catalog> opener) {
    this.name = requireNonNull(name, "name is null");
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.opener = requireNonNull(opener, "opener is null");
  }

  private Catalog catalog() {
    Catalog opened = delegate;
    if (opened != null) {
      return opened;
    }
    synchronized (this) {
      if (delegate == null) {
        try {
          delegate = opener.get();
        } catch (RuntimeException e) {
          throw new CatalogUnavailableException(name, endpoint, e);
        }
      }
      return delegate;
    }
  }

  private SupportsNamespaces namespaces() {
    if (catalog() instanceof SupportsNamespaces namespaces) {
      return namespaces;
    }
    throw new UnsupportedOperationException("catalog " + name + " has no namespaces");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return catalog().listTables(namespace);
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    return catalog().loadTable(identifier);
  }

  @Override
  public boolean tableExists(TableIdentifier identifier) {
    return catalog().tableExists(identifier);
  }

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
    return catalog().buildTable(identifier, schema);
  }

  @Override
  public Table registerTable(TableIdentifier identifier, String metadataFileLocation) {
    return catalog().registerTable(identifier, metadataFileLocation);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return catalog().dropTable(identifier, purge);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    catalog().renameTable(from, to);
  }

  @Override
  public void invalidateTable(TableIdentifier identifier) {
    catalog().invalidateTable(identifier);
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    namespaces().createNamespace(namespace, metadata);
  }

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    return namespaces().listNamespaces(namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    return namespaces().loadNamespaceMetadata(namespace);
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    return namespaces().dropNamespace(namespace);
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    return namespaces().setProperties(namespace, properties);
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    return namespaces().removeProperties(namespace, properties);
  }

  @Override
  public boolean namespaceExists(Namespace namespace) {
    return namespaces().namespaceExists(namespace);
  }

  @Override
  public void close() throws IOException {
    if (delegate instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
