package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.catalog.CatalogOpener;
import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL while compaction rewrites files: no row is lost or doubled, every file the table
 * references exists, and the files the killed rewrite left behind are swept once they are older
 * than the orphan safety age.
 */
class CompactionCrashIT {
  private static final int RECORDS = 60_000;
  private static final int RECORDS_PER_SECOND = 2_000;
  private static final int KILLS = 3;

  @Test
  void killsDuringRewritesLoseNothingAndLeaveNoOrphansBehind() throws Exception {
    StackClients clients = StackClients.shared();
    String topic = UniqueNames.of("rewrite");
    String schema = topic;
    String table = "iceberg." + schema + ".events";
    clients.topics().create(topic, 2);
    String config =
        ServiceConfigs.catalog(clients.stack(), clients.stack().metastoreUri())
            + """
              maintenance:
                interval: 1s
                hot-partition-max-small-files: 3
                cold-after: 3s
                orphan-safety-age: 1m
                orphan-sweep-interval: 5s
              pipelines:
                rewrite:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
                  tables:
                    defaults:
                      partition-by: ["bucket[4](id)"]
                  commit:
                    interval: 1s
            """
                .formatted(clients.stack().kafkaBootstrap(), topic, schema);
    Trino trino = clients.trino();
    CompletableFuture<Void> producing =
        CompletableFuture.runAsync(
            () ->
                clients
                    .topics()
                    .produceSteadily(
                        topic,
                        RECORDS,
                        RECORDS_PER_SECOND,
                        id -> ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8)));
    ServiceProcess service = ServiceProcess.start("compaction-crash", config).awaitStarted();
    try {
      for (int kill = 0; kill < KILLS; kill++) {
        // The merged files are written, the rewrite commit is about to run or running.
        service.awaitLogLine("Committing the rewrite", service.logSize(), Duration.ofMinutes(2));
        service.kill();
        service = ServiceProcess.start("compaction-crash", config).awaitStarted();
      }
      producing.get();
      List<String> tables = List.of(table, table + "__dead_letter");
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  trino.tableExists(schema, "events__dead_letter")
                      && SourceCoverage.rowCount(trino, tables) >= RECORDS);
      SourceCoverage.assertExactlyOnce(
          trino, tables, Map.of(topic, clients.topics().endOffsets(topic)));

      try (ObjectStore objects = new ObjectStore(clients.stack())) {
        Set<String> referenced = new HashSet<>();
        for (List<Object> row :
            trino.query("SELECT file_path FROM iceberg." + schema + ".\"events$files\"")) {
          URI file = URI.create((String) row.get(0));
          assertThat(objects.size(file)).as("referenced file %s exists", file).isPositive();
          referenced.add(file.toString());
        }
        String anyFile = referenced.iterator().next();
        URI dataPrefix =
            URI.create(anyFile.substring(0, anyFile.indexOf("/data/") + "/data/".length()));
        // Leftovers of the killed rewrites go once they are older than the safety age; what
        // stays is exactly what some retained snapshot references.
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofSeconds(5))
            .until(
                () ->
                    referencedBySomeSnapshot(clients.stack(), schema)
                        .containsAll(objects.list(dataPrefix)));
        // And the sweep took nothing that the table still needs.
        for (List<Object> row :
            trino.query("SELECT file_path FROM iceberg." + schema + ".\"events$files\"")) {
          URI file = URI.create((String) row.get(0));
          assertThat(objects.size(file)).as("referenced file %s exists", file).isPositive();
        }
        SourceCoverage.assertExactlyOnce(
            trino, tables, Map.of(topic, clients.topics().endOffsets(topic)));
      }
    } finally {
      service.close();
    }
  }

  /** Data files referenced by any snapshot the table keeps, read with Iceberg's own API. */
  private static Set<String> referencedBySomeSnapshot(LocalStack stack, String schema)
      throws Exception {
    Catalog catalog =
        CatalogOpener.open(
            new CatalogSettings(
                "check",
                CatalogType.HIVE,
                stack.warehouse(),
                Map.of(
                    "uri", stack.metastoreUri(),
                    "s3.endpoint", stack.s3Endpoint(),
                    "s3.path-style-access", "true",
                    "s3.access-key-id", stack.s3AccessKey(),
                    "s3.secret-access-key", stack.s3SecretKey(),
                    "client.region", "us-east-1")));
    Table table = catalog.loadTable(TableIdentifier.of(schema, "events"));
    Set<String> files = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.dataManifests(table.io())) {
        try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, table.io())) {
          paths.forEach(files::add);
        }
      }
    }
    return files;
  }
}
