package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run does. Parsed from {@code --key=value} arguments; every key has a default
 * sized for the full run on two cores.
 */
record BenchmarkOptions(
    Set<String> systems,
    long records,
    long heapRecords,
    long backfillRecords,
    int partitions,
    Duration commitInterval,
    Duration freshnessDuration,
    int freshnessRate,
    boolean freshnessMaintenance,
    Duration queryBuildDuration,
    int queryBuildRate,
    ServiceLaunch service,
    Path kafkaConnectClasspath,
    Path workDirectory,
    Path resultsDirectory,
    String runId,
    String label) {
  static final List<String> ALL_SYSTEMS =
      List.of(
          "inferred",
          "given",
          "transforms",
          "partitions100",
          "kafka-connect",
          "limit",
          "backfill",
          "backfill-5s",
          "kafka-connect-backfill",
          "freshness",
          "queries");

  BenchmarkOptions {
    requireNonNull(systems, "systems is null");
    for (String system : systems) {
      if (!ALL_SYSTEMS.contains(system)) {
        throw new IllegalArgumentException(
            "unknown system '" + system + "', expected some of " + ALL_SYSTEMS);
      }
    }
    if (systems.contains("given") && !systems.contains("inferred")) {
      // The schema given up front is the one inference arrived at, so both see the same table.
      throw new IllegalArgumentException("--systems: 'given' needs 'inferred' in the same run");
    }
    if (records < 1 || heapRecords < 1 || backfillRecords < 1 || partitions < 1) {
      throw new IllegalArgumentException(
          "--records, --heap-records, --backfill-records and --partitions must be positive");
    }
    requireNonNull(commitInterval, "commitInterval is null");
    requireNonNull(freshnessDuration, "freshnessDuration is null");
    requireNonNull(queryBuildDuration, "queryBuildDuration is null");
    requireNonNull(service, "service is null");
    requireNonNull(kafkaConnectClasspath, "kafkaConnectClasspath is null");
    requireNonNull(workDirectory, "workDirectory is null");
    requireNonNull(resultsDirectory, "resultsDirectory is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(label, "label is null");
  }

  static BenchmarkOptions parse(String[] arguments, String runId) {
    Set<String> systems = new LinkedHashSet<>(ALL_SYSTEMS);
    long records = 600_000;
    long heapRecords = 100_000;
    long backfillRecords = 50_000;
    int partitions = 6;
    Duration commitInterval = Duration.ofSeconds(5);
    Duration freshness = Duration.ofMinutes(5);
    int freshnessRate = 0;
    // The service commits without metastore locks (Hive 4), so compaction runs beside it as in
    // production; 2026-11-21-0914 in bench/results shows what Hive locks did to freshness.
    boolean freshnessMaintenance = true;
    Duration queryBuild = Duration.ofMinutes(2);
    int queryRate = 1000;
    Path serviceJar = Path.of("ui-api/target/quarkus-app/quarkus-run.jar");
    List<String> serviceJvmOptions = ServiceLaunch.DEFAULT_JVM_OPTIONS;
    Path kafkaConnect =
        Path.of(System.getProperty("user.home"), ".cache/tributary/kafka-connect-iceberg");
    Path work = Path.of("bench/target/run");
    Path results = Path.of("bench/results");
    String label = "";
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      if (!argument.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --key=value, got '" + argument + "'");
      }
      String key = argument.substring(2, equals);
      String value = argument.substring(equals + 1);
      switch (key) {
        case "systems" -> systems = new LinkedHashSet<>(Arrays.asList(value.split(",")));
        case "records" -> records = Long.parseLong(value.replace("_", ""));
        case "heap-records" -> heapRecords = Long.parseLong(value.replace("_", ""));
        case "backfill-records" -> backfillRecords = Long.parseLong(value.replace("_", ""));
        case "partitions" -> partitions = Integer.parseInt(value);
        case "commit-interval-seconds" ->
            commitInterval = Duration.ofSeconds(Long.parseLong(value));
        case "freshness-seconds" -> freshness = Duration.ofSeconds(Long.parseLong(value));
        case "freshness-rate" -> freshnessRate = Integer.parseInt(value);
        case "freshness-maintenance" -> freshnessMaintenance = Boolean.parseBoolean(value);
        case "query-build-seconds" -> queryBuild = Duration.ofSeconds(Long.parseLong(value));
        case "query-build-rate" -> queryRate = Integer.parseInt(value);
        case "service-jar" -> serviceJar = Path.of(value);
        case "service-jvm-options" -> serviceJvmOptions = Arrays.asList(value.trim().split("\\s+"));
        case "kafka-connect-classpath" -> kafkaConnect = Path.of(value);
        case "work-dir" -> work = Path.of(value);
        case "results-dir" -> results = Path.of(value);
        case "label" -> label = value;
        default -> throw new IllegalArgumentException("unknown option --" + key);
      }
    }
    return new BenchmarkOptions(
        systems,
        records,
        heapRecords,
        backfillRecords,
        partitions,
        commitInterval,
        freshness,
        freshnessRate,
        freshnessMaintenance,
        queryBuild,
        queryRate,
        new ServiceLaunch(serviceJar, serviceJvmOptions),
        kafkaConnect,
        work.resolve(runId),
        results,
        runId,
        label);
  }

  boolean runs(String system) {
    return systems.contains(system);
  }
}
