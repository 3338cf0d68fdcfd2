package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.catalog.CatalogOpener;
import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commit faults against the real Hive Metastore and object store of the local stack: a commit that
 * times out after it landed, and a crash right after a commit, neither lose nor duplicate records.
 */
class HiveCommitFaultsIT {
  private PipelineHarness harness;
  private Namespace namespace;

  @BeforeEach
  void connect() {
    Catalog hive =
        CatalogOpener.open(
            new CatalogSettings(
                "faults",
                CatalogType.HIVE,
                "s3://" + env("TRIBUTARY_S3_BUCKET", "lake") + "/warehouse",
                Map.of(
                    "uri", env("TRIBUTARY_METASTORE_URI", "thrift://127.0.0.1:9083"),
                    "s3.endpoint", env("TRIBUTARY_S3_ENDPOINT", "http://127.0.0.1:9000"),
                    "s3.path-style-access", "true",
                    "s3.access-key-id", env("TRIBUTARY_S3_ACCESS_KEY", "tributary"),
                    "s3.secret-access-key", env("TRIBUTARY_S3_SECRET_KEY", "tributary-secret"),
                    "client.region", "us-east-1"),
                // The local metastore is Hive 4: conditional commits, no metastore lock to leak.
                false));
    namespace = Namespace.of("faults_" + UUID.randomUUID().toString().substring(0, 8));
    harness =
        new PipelineHarness(new FaultyCatalog.Target(hive, (SupportsNamespaces) hive), namespace);
  }

  @Test
  void metastoreTimeoutsAfterLandingAndCrashesNeverDuplicate() throws Exception {
    TableIdentifier orders = TableIdentifier.of(namespace, "orders");
    PipelineSettings settings = harness.settings(RouteSettings.toTable(orders));
    SourcePartition partition = SourcePartition.kafka("orders", 0);
    List<SourceRecord> log = new ArrayList<>();
    for (int offset = 0; offset < 300; offset++) {
      log.add(record(partition, offset, "{\"id\": " + offset + "}"));
    }
    Map<SourcePartition, List<SourceRecord>> logs = new LinkedHashMap<>();

    logs.put(partition, log.subList(0, 100));
    harness.runUntil(settings, logs, () -> harness.coordinates(orders).size() >= 100);
    logs.put(partition, log.subList(0, 200));
    FaultyCatalog timingOut =
        new FaultyCatalog(
            harness.catalog(),
            (table, commit) ->
                commit == 1 ? FaultyCatalog.Fault.LAND_THEN_UNKNOWN : FaultyCatalog.Fault.NONE);
    harness.runUntil(settings, timingOut, logs, () -> harness.coordinates(orders).size() >= 200);
    logs.put(partition, log);
    FaultyCatalog crashing =
        new FaultyCatalog(
            harness.catalog(),
            (table, commit) ->
                commit == 1 ? FaultyCatalog.Fault.CRASH_AFTER : FaultyCatalog.Fault.NONE);
    boolean crashed = harness.runUntil(settings, crashing, logs, () -> false);
    harness.runUntil(settings, logs, () -> harness.coordinates(orders).size() >= 300);

    assertThat(crashed).isTrue();
    List<String> expected = log.stream().map(SourceRecord::coordinates).toList();
    assertThat(harness.coordinates(orders)).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
