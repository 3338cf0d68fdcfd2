package io.tributary.ingest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A catalog whose snapshot commits fail on cue, around a real catalog: refused before the commit,
 * in an unknown state after it landed (a metastore call that timed out after succeeding), or by
 * "crashing" the calling thread as {@code kill -9} would stop a process at that instant.
 */
final class FaultyCatalog implements Catalog, SupportsNamespaces {
  enum Fault {
    NONE,
    FAIL_BEFORE,
    LAND_THEN_UNKNOWN,
    CRASH_BEFORE,
    CRASH_AFTER
  }

  /** Chooses the fault for each snapshot commit, counted from one across all tables. */
  interface FaultPlan {
    Fault faultFor(TableIdentifier table, int commitNumber);
  }

  /** Thrown to stop a pipeline thread dead, without its shutdown flush. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String message) {
      super(message);
    }
  }

  /** A catalog that also manages namespaces, as every catalog Tributary writes to does. */
  record Target(Catalog catalog, SupportsNamespaces namespaces) {
    static <C extends Catalog & SupportsNamespaces> Target of(C catalog) {
      return new Target(catalog, catalog);
    }
  }

  private final Catalog catalog;
  private final SupportsNamespaces namespaces;
  private final FaultPlan plan;
  private int commits;

  FaultyCatalog(Target target, FaultPlan plan) {
    this.catalog = target.catalog();
    this.namespaces = target.namespaces();
    this.plan = plan;
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    Table table = catalog.loadTable(identifier);
    TableOperations operations = ((HasTableOperations) table).operations();
    return new BaseTable(new FaultyOperations(identifier, operations), table.name());
  }

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
    return catalog.buildTable(identifier, schema);
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return catalog.listTables(namespace);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return catalog.dropTable(identifier, purge);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    catalog.renameTable(from, to);
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    namespaces.createNamespace(namespace, metadata);
  }

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    return namespaces.listNamespaces(namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    return namespaces.loadNamespaceMetadata(namespace);
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    return namespaces.dropNamespace(namespace);
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    return namespaces.setProperties(namespace, properties);
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    return namespaces.removeProperties(namespace, properties);
  }

  private synchronized Fault nextFault(TableIdentifier table) {
    commits++;
    return plan.faultFor(table, commits);
  }

  private final class FaultyOperations implements TableOperations {
    private final TableIdentifier identifier;
    private final TableOperations operations;

    FaultyOperations(TableIdentifier identifier, TableOperations operations) {
      this.identifier = identifier;
      this.operations = operations;
    }

    @Override
    public TableMetadata current() {
      return operations.current();
    }

    @Override
    public TableMetadata refresh() {
      return operations.refresh();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      boolean addsSnapshot =
          metadata.currentSnapshot() != null
              && (base == null
                  || base.currentSnapshot() == null
                  || base.currentSnapshot().snapshotId()
                      != metadata.currentSnapshot().snapshotId());
      Fault fault = addsSnapshot ? nextFault(identifier) : Fault.NONE;
      switch (fault) {
        case FAIL_BEFORE ->
            throw new CommitFailedException("injected: commit to %s refused", identifier);
        case CRASH_BEFORE -> throw new Crash("injected crash before the commit to " + identifier);
        default -> operations.commit(base, metadata);
      }
      switch (fault) {
        case LAND_THEN_UNKNOWN ->
            throw new CommitStateUnknownException(
                new RuntimeException(
                    "injected: commit to " + identifier + " timed out after landing"));
        case CRASH_AFTER -> throw new Crash("injected crash after the commit to " + identifier);
        default -> {}
      }
    }

    @Override
    public FileIO io() {
      return operations.io();
    }

    @Override
    public EncryptionManager encryption() {
      return operations.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return operations.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return operations.locationProvider();
    }

    @Override
    public boolean requireStrictCleanup() {
      return operations.requireStrictCleanup();
    }

    @Override
    public long newSnapshotId() {
      return operations.newSnapshotId();
    }
  }
}
