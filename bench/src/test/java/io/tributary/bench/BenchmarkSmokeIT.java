package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working: a tiny run of the harness against the local stack (both Tributary
 * variants, the physical limit, a routed backfill and a few seconds of freshness) must write its
 * report and every key of latest.json. No timing is asserted; the figures are the benchmark's
 * business.
 */
class BenchmarkSmokeIT {
  @Test
  void tinyRunWritesTheReport() throws Exception {
    Path results = Path.of("target/smoke/results");
    Path report =
        Benchmark.run(
            new String[] {
              "--systems=inferred,given,limit,backfill,freshness",
              "--records=2000",
              "--backfill-records=2000",
              "--partitions=2",
              "--commit-interval-seconds=1",
              "--freshness-seconds=5",
              "--freshness-rate=100",
              "--service-jar=" + System.getProperty("tributary.service.jar"),
              "--work-dir=target/smoke/run",
              "--results-dir=" + results,
              "--label=smoke"
            },
            System.getenv());

    assertThat(Files.readString(report))
        .contains("Tributary, schema inferred", "Physical limit", "## Freshness");
    JsonNode latest = new ObjectMapper().readTree(results.resolve("latest.json").toFile());
    assertThat(latest.fieldNames())
        .toIterable()
        .contains(
            "records",
            "record_bytes",
            "tributary_records_per_cpu_second",
            "kafka_connect_records_per_cpu_second",
            "limit_records_per_cpu_second",
            "ratio_vs_kafka_connect",
            "fraction_of_limit",
            "freshness_p50_seconds",
            "freshness_p99_seconds",
            "peak_heap_mb",
            "backfill_records_per_cpu_second",
            "backfill_ratio_vs_standard",
            "commit_round_p99_seconds",
            "peak_heap_mb_500_partitions",
            "cores",
            "jdk",
            "date");
    assertThat(latest.get("records").asLong()).isEqualTo(2000);
    assertThat(latest.get("systems").get("given").get("records").asLong()).isEqualTo(2000);
    assertThat(latest.get("freshness").get("samples").asLong()).isPositive();
    assertThat(latest.get("systems").get("backfill").get("records").asLong()).isEqualTo(2000);
    assertThat(latest.get("commit_round_p99_seconds").isNumber()).isTrue();
  }
}
