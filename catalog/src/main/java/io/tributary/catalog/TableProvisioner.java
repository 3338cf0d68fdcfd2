package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Loads a table, creating it and its namespace on first use. Several replicas may race to create
 * the same table; the loser loads what the winner created.
 */
public final class TableProvisioner {
  /** Runs before a table is created and throws to refuse it; nothing reaches the catalog then. */
  @FunctionalInterface
  public interface CreationCheck {
    void check(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec spec,
        Map<String, String> properties);
  }

  private final Catalog catalog;
  private final CreationCheck creationCheck;

  public TableProvisioner(Catalog catalog) {
    this(catalog, (identifier, schema, spec, properties) -> {});
  }

  private TableProvisioner(Catalog catalog, CreationCheck creationCheck) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.creationCheck = requireNonNull(creationCheck, "creationCheck is null");
  }

  /** The same provisioner, checking each table it is about to create. */
  public TableProvisioner withCreationCheck(CreationCheck check) {
    return new TableProvisioner(catalog, check);
  }

  public Table loadOrCreate(
      TableIdentifier identifier,
      Schema schema,
      PartitionSpec spec,
      Map<String, String> properties) {
    return load(identifier).orElseGet(() -> create(identifier, schema, spec, properties));
  }

  /** The table, if it exists. */
  public Optional<Table> load(TableIdentifier identifier) {
    requireNonNull(identifier, "identifier is null");
    try {
      return Optional.of(catalog.loadTable(identifier));
    } catch (NoSuchTableException notYetCreated) {
      return Optional.empty();
    }
  }

  /** Creates the table and its namespace; a table created concurrently is loaded instead. */
  public Table create(
      TableIdentifier identifier,
      Schema schema,
      PartitionSpec spec,
      Map<String, String> properties) {
    requireNonNull(identifier, "identifier is null");
    creationCheck.check(identifier, schema, spec, properties);
    ensureNamespace(identifier.namespace());
    try {
      return catalog
          .buildTable(identifier, schema)
          .withPartitionSpec(spec)
          .withProperties(properties)
          .create();
    } catch (AlreadyExistsException createdConcurrently) {
      return catalog.loadTable(identifier);
    }
  }

  private void ensureNamespace(Namespace namespace) {
    if (namespace.isEmpty() || !(catalog instanceof SupportsNamespaces namespaces)) {
      return;
    }
    if (namespaces.namespaceExists(namespace)) {
      return;
    }
    try {
      namespaces.createNamespace(namespace);
    } catch (AlreadyExistsException createdConcurrently) {
      // Another replica created it between the check and the create; that is the goal anyway.
    }
  }
}
