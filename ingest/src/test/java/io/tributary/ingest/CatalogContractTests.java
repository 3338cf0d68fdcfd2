package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.catalog.TableProvisioner;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Tributary needs from every catalog it writes to, as one suite extended once per catalog:
 * tables created on first use, appends that carry source positions, schema changes, a stale writer
 * retried on top of the other, a zombie refused, and positions recovered by a restarted service (a
 * new catalog instance over the same catalog state).
 */
abstract class CatalogContractTests {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "event_time", Types.TimestampType.withZone()));
  static final SourcePartition P0 = SourcePartition.kafka("orders", 0);
  static final SourcePartition P1 = SourcePartition.kafka("orders", 1);

  private final ExecutorService manifestWorkers = Executors.newSingleThreadExecutor();
  final TableIdentifier identifier =
      TableIdentifier.of("raw_" + UUID.randomUUID().toString().substring(0, 8), "orders");

  /**
   * A new catalog instance over the same catalog state each time: a second replica, or the service
   * after a restart.
   */
  abstract Catalog openCatalog();

  @AfterEach
  void stopWorkers() {
    manifestWorkers.shutdownNow();
  }

  Table create(Catalog catalog) {
    return new TableProvisioner(catalog)
        .loadOrCreate(identifier, SCHEMA, PartitionSpec.unpartitioned(), Map.of());
  }

  void append(
      Table table,
      String file,
      Map<SourcePartition, Optional<SourcePosition>> expected,
      Map<SourcePartition, SourcePosition> handled) {
    PositionedAppend.commit(
        table,
        manifestWorkers,
        List.of(dataFile(table, file)),
        expected,
        handled,
        "orders",
        "commit-" + file);
  }

  static DataFile dataFile(Table table, String name) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + name + ".parquet")
        .withFileSizeInBytes(100)
        .withRecordCount(10)
        .withFormat("PARQUET")
        .build();
  }

  static SourcePosition at(long offset) {
    return SourcePosition.offset(offset);
  }

  @Test
  void createsNamespaceAndTableOnFirstUseAndFindsThemAfterRestart() {
    Table created = create(openCatalog());
    Catalog restarted = openCatalog();

    assertThat(((SupportsNamespaces) restarted).namespaceExists(identifier.namespace())).isTrue();
    assertThat(((SupportsNamespaces) restarted).listNamespaces(Namespace.empty()))
        .contains(identifier.namespace());
    assertThat(restarted.listTables(identifier.namespace())).containsExactly(identifier);
    Table loaded = create(restarted);
    assertThat(loaded.uuid()).isEqualTo(created.uuid());
    assertThat(loaded.schema().asStruct()).isEqualTo(SCHEMA.asStruct());
    assertThat(((HasTableOperations) loaded).operations().current().formatVersion()).isEqualTo(2);
  }

  @Test
  void positionsCommittedWithTheDataAreRecoveredAfterRestart() {
    Table table = create(openCatalog());
    append(table, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(99)));
    append(
        table,
        "b",
        Map.of(P0, Optional.of(at(99)), P1, Optional.empty()),
        Map.of(P0, at(150), P1, at(7)));

    Table recovered = openCatalog().loadTable(identifier);
    assertThat(SourcePositions.committed(recovered, Set.of(P0, P1)))
        .isEqualTo(Map.of(P0, at(150), P1, at(7)));
    assertThat(SourcePositions.findCommit(recovered, "commit-b")).isPresent();
    assertThat(recovered.currentSnapshot().summary()).containsEntry("total-data-files", "2");
  }

  @Test
  void schemaChangesLandAndKeepThePositions() {
    Table table = create(openCatalog());
    append(table, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(10)));
    table
        .updateSchema()
        .addColumn("note", Types.StringType.get(), "the original field name")
        .addColumn(
            "detail",
            Types.StructType.of(Types.NestedField.optional(100, "channel", Types.StringType.get())))
        .commit();
    append(table, "b", Map.of(P0, Optional.of(at(10))), Map.of(P0, at(20)));

    Table recovered = openCatalog().loadTable(identifier);
    assertThat(recovered.schema().findField("note").doc()).isEqualTo("the original field name");
    assertThat(recovered.schema().findField("detail.channel")).isNotNull();
    assertThat(recovered.schemas()).hasSize(2);
    assertThat(SourcePositions.committed(recovered, Set.of(P0))).isEqualTo(Map.of(P0, at(20)));
  }

  @Test
  void aStaleWriterIsRetriedOnTopOfTheOther() {
    create(openCatalog());
    Table first = openCatalog().loadTable(identifier);
    Table stale = openCatalog().loadTable(identifier);
    append(first, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(5)));
    append(stale, "b", Map.of(P1, Optional.empty()), Map.of(P1, at(9)));

    Table recovered = openCatalog().loadTable(identifier);
    assertThat(SourcePositions.committed(recovered, Set.of(P0, P1)))
        .isEqualTo(Map.of(P0, at(5), P1, at(9)));
    assertThat(recovered.currentSnapshot().summary()).containsEntry("total-data-files", "2");
  }

  @Test
  void aZombieCommittingTheSameRangeIsRefusedAndResynchronizes() {
    create(openCatalog());
    Table replica = openCatalog().loadTable(identifier);
    Table zombie = openCatalog().loadTable(identifier);
    append(replica, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(5)));

    assertThatThrownBy(() -> append(zombie, "b", Map.of(P0, Optional.empty()), Map.of(P0, at(5))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            refused ->
                assertThat(CommitFailures.classify(refused))
                    .isEqualTo(CommitFailures.Action.RESYNC));
    Table recovered = openCatalog().loadTable(identifier);
    assertThat(recovered.currentSnapshot().summary()).containsEntry("total-data-files", "1");
  }

  @Test
  void aCommitOfUnknownStateKeepsItsFilesAndIsFoundByItsCommitId() throws Exception {
    Catalog catalog = openCatalog();
    create(catalog);
    Catalog faulty =
        new FaultyCatalog(
            new FaultyCatalog.Target(catalog, (SupportsNamespaces) catalog),
            (table, commit) -> FaultyCatalog.Fault.LAND_THEN_UNKNOWN);
    Table table = faulty.loadTable(identifier);
    String location = table.location() + "/data/landed.parquet";
    try (PositionOutputStream out = table.io().newOutputFile(location).create()) {
      out.write(new byte[] {1, 2, 3});
    }

    assertThatThrownBy(
            () ->
                PositionedAppend.commit(
                    table,
                    manifestWorkers,
                    List.of(
                        DataFiles.builder(table.spec())
                            .withPath(location)
                            .withFileSizeInBytes(3)
                            .withRecordCount(1)
                            .withFormat("PARQUET")
                            .build()),
                    Map.of(P0, Optional.empty()),
                    Map.of(P0, at(4)),
                    "orders",
                    "commit-landed"))
        .isInstanceOfSatisfying(
            CommitStateUnknownException.class,
            unknown ->
                assertThat(CommitFailures.classify(unknown))
                    .isEqualTo(CommitFailures.Action.RESYNC));

    assertThat(table.io().newInputFile(location).exists()).as("the file stays").isTrue();
    Table recovered = openCatalog().loadTable(identifier);
    assertThat(SourcePositions.findCommit(recovered, "commit-landed")).isPresent();
    assertThat(SourcePositions.committed(recovered, Set.of(P0))).isEqualTo(Map.of(P0, at(4)));
  }
}
