package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.catalog.CatalogOpener;
import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import io.tributary.catalog.TableProvisioner;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose catalog is the stack's Iceberg REST catalog server: it ingests, evolves its
 * schema, is SIGKILLed with commits in flight (recovering its positions from snapshot summaries
 * read through the REST catalog), compacts and expires snapshots; every row is checked through
 * Trino's REST catalog ({@code iceberg_rest}).
 */
class RestCatalogIT {
  private static final int RECORDS = 40_000;
  private static final int RECORDS_PER_SECOND = 2_000;
  private static final int KILLS = 3;
  private static final int WAVES = 4;
  private static final int WAVE_RECORDS = 200;
  private static final int TOTAL = RECORDS + WAVES * WAVE_RECORDS;
  private static final ObjectMapper JSON = new ObjectMapper();
  // Generous: on a 2-core machine shared with other builds the service has taken 55-330 s.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();

  @BeforeAll
  static void restCatalogRuns() {
    StackClients.shared().stack().requireRestCatalog();
  }

  @Test
  void ingestsEvolvesSurvivesKillsAndIsMaintainedThroughTheRestCatalog() throws Exception {
    String topic = UniqueNames.of("rest");
    String schema = topic;
    String events = "iceberg_rest." + schema + ".events";
    List<String> tables = List.of(events, events + "__dead_letter");
    clients.topics().create(topic, 2);
    String config =
        ServiceConfigs.restCatalog(stack)
            + """
              maintenance:
                interval: 2s
                hot-partition-max-small-files: 3
                cold-after: 3s
                snapshot-max-age: 10s
                min-snapshots: 2
              pipelines:
                rest:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                      properties:
                        session.timeout.ms: "6000"
                        heartbeat.interval.ms: "1000"
                  route:
                    table: %s.events
                  tables:
                    defaults:
                      event-time-field: event_time
                  commit:
                    interval: 1s
            """
                .formatted(stack.kafkaBootstrap(), topic, schema);

    CompletableFuture<Void> producing =
        CompletableFuture.runAsync(
            () ->
                clients
                    .topics()
                    .produceSteadily(topic, RECORDS, RECORDS_PER_SECOND, RestCatalogIT::event));
    // Assigned before waiting for it to start, so the finally block stops it whatever happens.
    ServiceProcess service = ServiceProcess.start("rest-catalog", config);
    try {
      service.awaitStarted(START_TIMEOUT);
      for (int kill = 0; kill < KILLS; kill++) {
        // The REST commit request is about to go out, or is out, when the process dies.
        service.awaitLogLine("Committing", service.logSize(), Duration.ofMinutes(2));
        service.kill();
        service = ServiceProcess.start("rest-catalog", config);
        service.awaitStarted(START_TIMEOUT);
      }
      producing.get();
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  trino.tableExists("iceberg_rest", schema, "events__dead_letter")
                      && SourceCoverage.rowCount(trino, tables) >= RECORDS);
      // However the kills fell (all three can land before the first commit, leaving one large
      // one), the last service commits a few small waves more: compaction then has files to merge
      // and expiry has snapshots older than snapshot-max-age to remove.
      for (int wave = 0; wave < WAVES; wave++) {
        int first = RECORDS + wave * WAVE_RECORDS;
        clients
            .topics()
            .produceSteadily(topic, WAVE_RECORDS, WAVE_RECORDS, id -> event(first + id));
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> SourceCoverage.rowCount(trino, tables) >= first + WAVE_RECORDS);
      }

      SourceCoverage.assertExactlyOnce(
          trino, tables, Map.of(topic, clients.topics().endOffsets(topic)));
      assertEvolvedValues(events);

      // Once no partition is written any more, each of the three days ends as one file, and old
      // snapshots are expired, both committed through the REST catalog.
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> count("iceberg_rest." + schema + ".\"events$files\"") == 3);
      ServiceProcess last = service;
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> maintenance(last, schema).path("snapshotsExpired").asLong() > 0);
      JsonNode report = maintenance(last, schema);
      assertThat(report.path("compactionsCommitted").asLong()).isPositive();
      assertThat(report.path("lastError").isNull()).as("maintenance error %s", report).isTrue();
      SourceCoverage.assertExactlyOnce(
          trino, tables, Map.of(topic, clients.topics().endOffsets(topic)));
      assertEvolvedValues(events);
      assertThat(service.get("/q/health/ready").body()).contains("\"catalog\"").contains("UP");
    } finally {
      service.close();
    }
  }

  @Test
  void notReadyWhileTheRestCatalogDoesNotAnswerAndSaysWhy() throws Exception {
    String topic = UniqueNames.of("rest_ready");
    // Port 9 (discard) is closed on loopback: nothing answers there.
    String config =
        ServiceConfigs.restCatalog(stack).replace(stack.restCatalogUri(), "http://127.0.0.1:9")
            + """
              pipelines:
                e2e:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
            """
                .formatted(stack.kafkaBootstrap(), topic, topic);
    try (ServiceProcess service = ServiceProcess.start("rest-readiness", config)) {
      service.awaitStarted(START_TIMEOUT);
      HttpResponse<String> response = service.get("/q/health/ready");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body())
          .containsPattern("\"name\": \"catalog\",\\s*\"status\": \"DOWN\"")
          .contains("Cannot open catalog")
          .contains("http://127.0.0.1:9");
    }
  }

  /**
   * Two writers change one table's schema from the same version. Iceberg's snapshot commits refresh
   * and re-apply before every attempt, so a conflict there is a race; a schema update is committed
   * from the version it was made on, as the service's schema evolver does. The REST catalog refuses
   * the second with 409 ("requirement failed"), which Iceberg's client raises as {@link
   * CommitFailedException}; the writer refreshes and applies its change again, as the evolver does
   * on that exception.
   */
  @Test
  void conflictingCommitsAreRefusedWithConflictAndRetried() {
    Catalog catalog = restCatalog();
    TableIdentifier identifier = TableIdentifier.of(UniqueNames.of("rest_conflict"), "t");
    Schema schema = new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));
    new TableProvisioner(catalog)
        .loadOrCreate(identifier, schema, PartitionSpec.unpartitioned(), Map.of());

    Table first = catalog.loadTable(identifier);
    Table second = catalog.loadTable(identifier);
    first.updateSchema().addColumn("a", Types.StringType.get()).commit();
    assertThatThrownBy(() -> second.updateSchema().addColumn("b", Types.StringType.get()).commit())
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("Requirement failed");

    second.refresh();
    second.updateSchema().addColumn("b", Types.StringType.get()).commit();
    Table current = catalog.loadTable(identifier);
    assertThat(current.schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "a", "b");
    // Appends refresh before each attempt: a stale table object still lands on top.
    second.newAppend().appendFile(file(second, "x")).commit();
    first.newAppend().appendFile(file(first, "y")).commit();
    assertThat(catalog.loadTable(identifier).currentSnapshot().summary())
        .containsEntry("total-data-files", "2");
  }

  private Catalog restCatalog() {
    return CatalogOpener.open(
        new CatalogSettings(
            "rest-check",
            CatalogType.REST,
            stack.restWarehouse(),
            Map.of(
                "uri", stack.restCatalogUri(),
                "s3.endpoint", stack.s3Endpoint(),
                "s3.path-style-access", "true",
                "s3.access-key-id", stack.s3AccessKey(),
                "s3.secret-access-key", stack.s3SecretKey(),
                "client.region", "us-east-1")));
  }

  /** A file entry only: the commit protocol is under test, not the file's contents. */
  private static DataFile file(Table table, String name) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + name + ".parquet")
        .withFileSizeInBytes(10)
        .withRecordCount(1)
        .withFormat("PARQUET")
        .build();
  }

  /**
   * The first half of the stream has {@code id}, {@code event_time} and {@code amount}; the second
   * adds a string and a nested struct, so the table evolves while the kills happen. One record in a
   * thousand is broken JSON and goes to the dead-letter table.
   */
  private static byte[] event(int id) {
    String time = "2026-11-0" + (1 + id % 3) + "T10:00:00Z";
    String json;
    if (id % 1000 == 999) {
      json = "{\"id\": " + id;
    } else if (id < RECORDS / 2) {
      json = "{\"id\": %d, \"event_time\": \"%s\", \"amount\": %d}".formatted(id, time, id % 1000);
    } else {
      json =
          ("{\"id\": %d, \"event_time\": \"%s\", \"amount\": %d, \"note\": \"n%d\","
                  + " \"detail\": {\"channel\": \"c%d\"}}")
              .formatted(id, time, id % 1000, id, id % 7);
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private void assertEvolvedValues(String events) throws Exception {
    long good = 0;
    long idSum = 0;
    long evolved = 0;
    long noteIdSum = 0;
    for (int id = 0; id < TOTAL; id++) {
      if (id % 1000 != 999) {
        good++;
        idSum += id;
        if (id >= RECORDS / 2) {
          evolved++;
          noteIdSum += id;
        }
      }
    }
    List<Object> row =
        trino
            .query(
                "SELECT count(*), sum(id), count(note), count(detail.channel),"
                    + " sum(CAST(substr(note, 2) AS bigint)), sum(amount) FROM "
                    + events)
            .get(0);
    assertThat(((Number) row.get(0)).longValue()).isEqualTo(good);
    assertThat(((Number) row.get(1)).longValue()).isEqualTo(idSum);
    assertThat(((Number) row.get(2)).longValue()).isEqualTo(evolved);
    assertThat(((Number) row.get(3)).longValue()).isEqualTo(evolved);
    assertThat(((Number) row.get(4)).longValue()).isEqualTo(noteIdSum);
    long amountSum = 0;
    for (int id = 0; id < TOTAL; id++) {
      if (id % 1000 != 999) {
        amountSum += id % 1000;
      }
    }
    assertThat(((Number) row.get(5)).longValue()).isEqualTo(amountSum);
  }

  private long count(String table) throws Exception {
    return ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue();
  }

  private static JsonNode maintenance(ServiceProcess service, String schema) throws Exception {
    return JSON.readTree(service.get("/api/v1/tables/" + schema + ".events/maintenance").body());
  }
}
