package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.catalog.CatalogOpener;
import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import io.tributary.catalog.TableProvisioner;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/**
 * The catalog contract on Iceberg's {@code GlueCatalog}, opened the way the service opens it
 * ({@code type: glue}), with Iceberg's {@code client.factory} hook pointing it at {@link FakeGlue};
 * plus what is Glue's own: optimistic updates by {@code VersionId}, the table parameters Athena
 * reads, Glue's name and length limits, and the settings users set.
 */
class TestGlueCatalogContract extends CatalogContractTests {
  private static final String ACCOUNT = "123456789012";

  private final String glueName = "glue-" + UUID.randomUUID();
  private final FakeGlue glue = FakeGlue.named(glueName);

  @Override
  Catalog openCatalog() {
    return openCatalog(Map.of());
  }

  private Catalog openCatalog(Map<String, String> settings) {
    Map<String, String> properties = new HashMap<>();
    properties.put("client.factory", FakeGlueClients.class.getName());
    properties.put(FakeGlueClients.FAKE_GLUE, glueName);
    // Only the catalog is under test: table files stay in memory instead of S3.
    properties.put("io-impl", "org.apache.iceberg.inmemory.InMemoryFileIO");
    properties.put("glue.id", ACCOUNT);
    properties.putAll(settings);
    return CatalogOpener.open(
        new CatalogSettings("glue", CatalogType.GLUE, "s3://lake/warehouse", properties));
  }

  /** The refusal from Glue itself, however Iceberg wrapped it. */
  private static InvalidInputException glueCause(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return invalid;
      }
    }
    throw new AssertionError("not refused by Glue", thrown);
  }

  private static String metadataLocation(Table table) {
    return ((HasTableOperations) table).operations().current().metadataFileLocation();
  }

  @Test
  void tablesCarryTheParametersAthenaReads() {
    Table table = create(openCatalog());
    String created = metadataLocation(table);
    append(table, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(1)));

    software.amazon.awssdk.services.glue.model.Table stored =
        glue.table(identifier.namespace().level(0), identifier.name());
    assertThat(stored.parameters())
        .containsEntry("table_type", "ICEBERG")
        .containsEntry("metadata_location", metadataLocation(table))
        .containsEntry("previous_metadata_location", created);
    assertThat(stored.tableType()).isEqualTo("EXTERNAL_TABLE");
    assertThat(stored.storageDescriptor().columns())
        .extracting(Column::name, Column::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", "bigint"),
            org.assertj.core.groups.Tuple.tuple("event_time", "timestamp"));
  }

  @Test
  void anUpdateFromAStaleVersionIsRefusedAndRetried() {
    Table table = create(openCatalog());
    Table other = openCatalog().loadTable(identifier);
    // Another writer lands between this writer's check of the table and its update.
    glue.beforeNextUpdate(
        () -> append(other, "other", Map.of(P1, Optional.empty()), Map.of(P1, at(3))));

    append(table, "mine", Map.of(P0, Optional.empty()), Map.of(P0, at(8)));

    assertThat(glue.refusedUpdates()).isEqualTo(1);
    assertThat(glue.updatesWithoutVersion()).isZero();
    Table recovered = openCatalog().loadTable(identifier);
    assertThat(SourcePositions.committed(recovered, Set.of(P0, P1)))
        .isEqualTo(Map.of(P0, at(8), P1, at(3)));
    assertThat(recovered.currentSnapshot().summary()).containsEntry("total-data-files", "2");
  }

  @Test
  void aWriterOvertakenOnTheSameRangeIsRefusedByVersionThenByPosition() {
    Table zombie = create(openCatalog());
    Table replica = openCatalog().loadTable(identifier);
    glue.beforeNextUpdate(
        () -> append(replica, "replica", Map.of(P0, Optional.empty()), Map.of(P0, at(5))));

    assertThatThrownBy(
            () -> append(zombie, "zombie", Map.of(P0, Optional.empty()), Map.of(P0, at(5))))
        .isInstanceOf(ValidationException.class);

    assertThat(glue.refusedUpdates()).isEqualTo(1);
    Table recovered = openCatalog().loadTable(identifier);
    assertThat(recovered.currentSnapshot().summary()).containsEntry("total-data-files", "1");
    assertThat(SourcePositions.findCommit(recovered, "commit-replica")).isPresent();
  }

  @Test
  void theCatalogIdReachesEveryRequest() {
    Table table = create(openCatalog());
    append(table, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(1)));
    openCatalog().loadTable(identifier);

    assertThat(glue.catalogIds()).containsExactly(ACCOUNT);
  }

  @Test
  void oldTableVersionsAreArchivedOnlyWhenSkipArchiveIsOff() {
    Table skipping = create(openCatalog());
    append(skipping, "a", Map.of(P0, Optional.empty()), Map.of(P0, at(1)));
    assertThat(glue.archivedVersions(identifier.namespace().level(0), identifier.name()))
        .as("Iceberg skips Glue's archive by default")
        .isEmpty();

    Table archiving = openCatalog(Map.of("glue.skip-archive", "false")).loadTable(identifier);
    append(archiving, "b", Map.of(P0, Optional.of(at(1))), Map.of(P0, at(2)));
    assertThat(glue.archivedVersions(identifier.namespace().level(0), identifier.name()))
        .hasSize(1);
  }

  @Test
  void glueRefusesNamesThatAreNotLowercaseOrTooLong() {
    Catalog unchecked = openCatalog(Map.of("glue.skip-name-validation", "true"));
    TableProvisioner provisioner = new TableProvisioner(unchecked);
    String database = identifier.namespace().level(0);

    assertThatThrownBy(
            () ->
                provisioner.loadOrCreate(
                    TableIdentifier.of(database, "Orders"),
                    SCHEMA,
                    PartitionSpec.unpartitioned(),
                    Map.of()))
        .satisfies(
            refused ->
                assertThat(glueCause(refused)).hasMessageContaining("must be lowercase: Orders"));
    assertThatThrownBy(
            () ->
                provisioner.loadOrCreate(
                    TableIdentifier.of(database, "t".repeat(256)),
                    SCHEMA,
                    PartitionSpec.unpartitioned(),
                    Map.of()))
        .satisfies(refused -> assertThat(glueCause(refused)).hasMessageContaining("255"));
  }

  @Test
  void glueRefusesColumnCommentsLongerThan255Characters() {
    Schema longDoc =
        new Schema(Types.NestedField.optional(1, "id", Types.LongType.get(), "x".repeat(256)));

    assertThatThrownBy(
            () ->
                new TableProvisioner(openCatalog())
                    .loadOrCreate(identifier, longDoc, PartitionSpec.unpartitioned(), Map.of()))
        .satisfies(refused -> assertThat(glueCause(refused)).hasMessageContaining(".comment'"));
  }
}
