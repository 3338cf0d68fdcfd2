package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark: preloads a topic, times each system from its start until every record is committed
 * and visible in Trino, then measures freshness and query times over many small commits. Writes a
 * markdown report and {@code latest.json} to the results directory.
 *
 * <p>Usage: {@code Benchmark [--key=value ...]}, see {@link BenchmarkOptions} and bench/run.
 */
public final class Benchmark {
  private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
  private static final String DAY_PARTITIONS = "day(event_time)";
  private static final String HUNDRED_PARTITIONS = "bucket[100](order_uuid)";
  private static final String HOUR_PARTITIONS = "hour(event_time)";
  private static final Duration BACKFILL_SPREAD = Duration.ofDays(7);

  /**
   * A typical chain (issue #15): mask two fields, filter (keeping every generated event, so the
   * count stays comparable), flatten one struct, parse a user agent.
   */
  private static final List<String> TYPICAL_TRANSFORMS =
      List.of(
          "{type: mask, fields: [customer.email], method: hash, hmac-secret:"
              + " bench-secret-of-32-characters-long}",
          "{type: mask, fields: [ip_address], method: redact}",
          "{type: filter, expression: \"status != 'cancelled'\"}",
          "{type: flatten, field: customer, depth: 2}",
          "{type: user-agent, field: user_agent}");

  private final BenchmarkOptions options;
  private final StackEndpoints stack;
  private final TrinoQueries trino;
  private final Report report;
  private final String schema;

  Benchmark(BenchmarkOptions options, StackEndpoints stack, TrinoQueries trino, Report report) {
    this.options = requireNonNull(options, "options is null");
    this.stack = requireNonNull(stack, "stack is null");
    this.trino = requireNonNull(trino, "trino is null");
    this.report = requireNonNull(report, "report is null");
    // One namespace per run: a pipeline finds its positions among the tables of its namespace.
    this.schema = "bench_" + options.runId();
  }

  public static void main(String[] args) throws Exception {
    Path written = run(args, System.getenv());
    LOG.info("Results written to {}", written);
  }

  /** Runs the benchmark and returns the markdown report it wrote. */
  static Path run(String[] args, Map<String, String> environment) throws Exception {
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now())
            .toLowerCase(java.util.Locale.ROOT);
    BenchmarkOptions options = BenchmarkOptions.parse(args, runId);
    StackEndpoints stack = StackEndpoints.fromEnvironment(environment);
    Report report = new Report(options, Instant.now());
    try (TrinoQueries trino = new TrinoQueries(stack.trinoJdbcUrl())) {
      new Benchmark(options, stack, trino, report).runAll();
    }
    return report.write(options.resultsDirectory());
  }

  void runAll() throws Exception {
    Files.createDirectories(options.workDirectory());
    trino.execute(
        "CREATE schema IF NOT EXISTS iceberg."
            + schema
            + " WITH (location = '"
            + stack.warehouse()
            + "/"
            + schema
            + ".db')");
    String topic = "bench_" + options.runId();
    boolean throughput =
        options.runs("inferred")
            || options.runs("transforms")
            || options.runs("kafka-connect")
            || options.runs("limit");
    if (throughput) {
      BenchTopics.create(stack.kafkaBootstrap(), topic, options.partitions());
      LOG.info("Preloading {} records into {}", options.records(), topic);
      long bytes =
          BenchTopics.preload(stack.kafkaBootstrap(), topic, options.records(), Instant.now());
      report.preloaded(options.records(), bytes);
    }
    if (options.runs("inferred")) {
      attempt(
          "inferred",
          () ->
              report.add(
                  "inferred",
                  tributary(
                      "inferred",
                      topic,
                      DAY_PARTITIONS,
                      Optional.empty(),
                      options.records(),
                      report.preloadedBytes(),
                      "")));
    }
    if (options.runs("given") && report.system("inferred") != null) {
      attempt(
          "given",
          () ->
              report.add(
                  "given",
                  tributary(
                      "given",
                      topic,
                      DAY_PARTITIONS,
                      Optional.of(table("inferred")),
                      options.records(),
                      report.preloadedBytes(),
                      "")));
    }
    if (options.runs("transforms")) {
      attempt(
          "transforms",
          () ->
              report.add(
                  "transforms",
                  tributary(
                      "transforms",
                      topic,
                      DAY_PARTITIONS,
                      Optional.empty(),
                      options.records(),
                      report.preloadedBytes(),
                      "the inferred run plus " + TYPICAL_TRANSFORMS.size() + " transform steps",
                      TYPICAL_TRANSFORMS)));
    }
    if (options.runs("partitions100")) {
      // Its own, smaller topic: the heap peaks within seconds, while 100 files per commit are slow.
      attempt(
          "partitions100",
          () -> {
            String heapTopic = "bench_heap_" + options.runId();
            BenchTopics.create(stack.kafkaBootstrap(), heapTopic, options.partitions());
            long heapBytes =
                BenchTopics.preload(
                    stack.kafkaBootstrap(), heapTopic, options.heapRecords(), Instant.now());
            report.add(
                "partitions100",
                tributary(
                    "partitions100",
                    heapTopic,
                    HUNDRED_PARTITIONS,
                    Optional.empty(),
                    options.heapRecords(),
                    heapBytes,
                    String.format(
                        java.util.Locale.ROOT,
                        "%,d records of their own topic, partitioned by %s",
                        options.heapRecords(),
                        HUNDRED_PARTITIONS)));
          });
    }
    if (options.runs("kafka-connect")) {
      attempt(
          "kafka-connect",
          () ->
              report.add(
                  "kafka-connect",
                  kafkaConnect(
                      "kafka-connect", topic, options.records(), report.preloadedBytes())));
    }
    if (options.runs("limit")) {
      attempt("limit", () -> report.add("limit", limit(topic)));
    }
    if (options.runs("backfill")
        || options.runs("backfill-5s")
        || options.runs("kafka-connect-backfill")) {
      attempt("backfill", this::backfills);
    }
    if (options.runs("freshness")) {
      attempt("freshness", this::freshness);
    }
    if (options.runs("queries")) {
      attempt("queries", this::queries);
    }
  }

  private interface Phase {
    void run() throws Exception;
  }

  /** Runs one part; if it fails, the report says so and the other parts still run. */
  @SuppressWarnings("checkstyle:IllegalCatch")
  private void attempt(String name, Phase phase) {
    try {
      phase.run();
    } catch (Exception e) {
      LOG.error("{} failed", name, e);
      report.failed(name, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String table(String system) {
    return system.replace('-', '_');
  }

  private String qualified(String table) {
    return "iceberg." + schema + ".\"" + table + "\"";
  }

  private SystemResult tributary(
      String system,
      String topic,
      String partitionBy,
      Optional<String> schemaFrom,
      long records,
      long bytes,
      String note)
      throws Exception {
    return tributary(system, topic, partitionBy, schemaFrom, records, bytes, note, List.of());
  }

  private SystemResult tributary(
      String system,
      String topic,
      String partitionBy,
      Optional<String> schemaFrom,
      long records,
      long bytes,
      String note,
      List<String> transforms)
      throws Exception {
    String table = table(system);
    if (schemaFrom.isPresent()) {
      // The schema given up front: every column the pipeline will meet exists before it starts.
      trino.execute(
          "CREATE TABLE "
              + qualified(table)
              + " (LIKE "
              + qualified(schemaFrom.get())
              + ") WITH (partitioning = ARRAY['"
              + partitionBy
              + "'])");
    }
    LOG.info("Running Tributary ({}) into {}", system, table);
    TributaryService.Pipeline pipeline =
        new TributaryService.Pipeline(
                table,
                topic,
                schema + "." + table,
                partitionBy,
                options.commitInterval(),
                false,
                Duration.ofMinutes(1))
            .withTransforms(transforms);
    long start = System.nanoTime();
    try (MeasuredProcess service =
        TributaryService.start(
            system, options.workDirectory(), options.service(), stack, pipeline)) {
      return awaitVisible(
          system, service, "Listening on", List.of(table), start, records, bytes, note);
    }
  }

  private SystemResult kafkaConnect(String system, String topic, long records, long bytes)
      throws Exception {
    String table = table(system);
    String control = "bench_control_" + table + "_" + options.runId();
    BenchTopics.create(stack.kafkaBootstrap(), control, 1);
    LOG.info("Running the Iceberg Kafka Connect sink into {}", table);
    long start = System.nanoTime();
    try (MeasuredProcess connect =
        KafkaConnectSink.start(
            options.workDirectory(),
            options.kafkaConnectClasspath(),
            stack,
            topic,
            control,
            schema + "." + table,
            options.commitInterval())) {
      return awaitVisible(
          system,
          connect,
          "Kafka Connect started",
          List.of(table),
          start,
          records,
          bytes,
          "unpartitioned, one table: schemaless JSON infers event_time as a string");
    }
  }

  private SystemResult awaitVisible(
      String system,
      MeasuredProcess process,
      String readyLine,
      List<String> tables,
      long startNanos,
      long records,
      long bytes,
      String note)
      throws InterruptedException {
    Duration timeout = Duration.ofMinutes(10).plusSeconds(records / 200);
    long deadline = startNanos + timeout.toNanos();
    String count =
        "SELECT "
            + String.join(
                " + ",
                tables.stream().map(t -> "(SELECT count(*) FROM " + qualified(t) + ")").toList());
    long visible = -1;
    double startupCpu = Double.NaN;
    double startupSeconds = Double.NaN;
    while (visible < records) {
      if (Double.isNaN(startupCpu) && process.logContains(readyLine)) {
        startupCpu = process.cpuSeconds();
        startupSeconds = (System.nanoTime() - startNanos) / 1e9;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(system + " exited early; see " + process.log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            system
                + ": "
                + visible
                + " of "
                + records
                + " records visible after "
                + timeout
                + "; see "
                + process.log());
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      visible = trino.scalarOrMissing(count);
    }
    double wall = (System.nanoTime() - startNanos) / 1e9;
    double cpu = process.cpuSeconds();
    long resident = process.peakResidentBytes();
    OptionalLong heap = process.peakHeapBytes();
    long files = 0;
    for (String table : tables) {
      files += trino.scalarOrMissing("SELECT count(*) FROM " + qualifiedFiles(table));
    }
    if (visible != records) {
      note = (note.isEmpty() ? "" : note + "; ") + visible + " rows visible (duplicates?)";
    }
    LOG.info("{}: {} records visible in {} s, {} CPU s", system, records, wall, cpu);
    return new SystemResult(
        system, records, bytes, wall, startupSeconds, cpu, startupCpu, heap, resident, files, note);
  }

  private String qualifiedFiles(String table) {
    return "iceberg." + schema + ".\"" + table + "$files\"";
  }

  /**
   * A backfill: history read back in arrival order, event times scattered over seven days,
   * partitioned by {@code hour(event_time)} and routed by channel to three tables, so every round
   * touches about 500 table partitions. Run with 1 s and 5 s commits, and through the Kafka Connect
   * sink on the same topic.
   */
  private void backfills() throws Exception {
    String topic = "bench_backfill_" + options.runId();
    BenchTopics.create(stack.kafkaBootstrap(), topic, options.partitions());
    LOG.info("Preloading {} backfill records into {}", options.backfillRecords(), topic);
    long bytes =
        BenchTopics.preload(
            stack.kafkaBootstrap(),
            topic,
            options.backfillRecords(),
            new EventGenerator(43, Instant.now(), BACKFILL_SPREAD));
    if (options.runs("backfill")) {
      attempt(
          "backfill",
          () -> report.add("backfill", backfill("backfill", topic, Duration.ofSeconds(1), bytes)));
    }
    if (options.runs("backfill-5s")) {
      attempt(
          "backfill-5s",
          () ->
              report.add(
                  "backfill-5s", backfill("backfill-5s", topic, Duration.ofSeconds(5), bytes)));
    }
    if (options.runs("kafka-connect-backfill")) {
      attempt(
          "kafka-connect-backfill",
          () ->
              report.add(
                  "kafka-connect-backfill",
                  kafkaConnect("kafka-connect-backfill", topic, options.backfillRecords(), bytes)));
    }
  }

  private SystemResult backfill(String system, String topic, Duration commitInterval, long bytes)
      throws Exception {
    String prefix = table(system);
    List<String> tables = List.of(prefix + "_web", prefix + "_app", prefix + "_other");
    Map<String, String> channels = new LinkedHashMap<>();
    channels.put("web", schema + "." + tables.get(0));
    channels.put("ios", schema + "." + tables.get(1));
    channels.put("android", schema + "." + tables.get(1));
    TributaryService.Pipeline pipeline =
        new TributaryService.Pipeline(
            prefix,
            topic,
            schema + "." + tables.get(2),
            HOUR_PARTITIONS,
            commitInterval,
            false,
            Duration.ofMinutes(1),
            channels,
            List.of());
    LOG.info("Running Tributary ({}) into {}", system, tables);
    long start = System.nanoTime();
    try (MeasuredProcess service =
        TributaryService.start(
            system, options.workDirectory(), options.service(), stack, pipeline)) {
      SystemResult result =
          awaitVisible(
              system,
              service,
              "Listening on",
              tables,
              start,
              options.backfillRecords(),
              bytes,
              String.format(
                  java.util.Locale.ROOT,
                  "%,d records over 7 days, %s, three routed tables, %d s commits",
                  options.backfillRecords(),
                  HOUR_PARTITIONS,
                  commitInterval.toSeconds()));
      report.rounds(system, CommitRoundLog.read(service.log()));
      return result;
    }
  }

  private SystemResult limit(String topic) throws Exception {
    Path output = options.workDirectory().resolve("limit");
    LOG.info("Running the physical limit (Kafka, JSON, Parquet to {})", output);
    long start = System.nanoTime();
    MeasuredProcess process =
        MeasuredProcess.startJava(
            "limit",
            options.workDirectory(),
            ServiceLaunch.DEFAULT_JVM_OPTIONS,
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ParquetLimit.class.getName(),
                stack.kafkaBootstrap(),
                topic,
                Long.toString(options.records()),
                output.toAbsolutePath().toString()),
            Map.of());
    int exit = process.awaitExit(30, TimeUnit.MINUTES);
    double wall = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("the limit process failed; see " + process.log());
    }
    ObjectNode result =
        (ObjectNode) new ObjectMapper().readTree(output.resolve("limit-result.json").toFile());
    return new SystemResult(
        "limit",
        result.get("records").asLong(),
        result.get("bytes").asLong(),
        wall,
        result.get("startup_seconds").asDouble(),
        result.get("cpu_seconds").asDouble(),
        result.get("startup_cpu_seconds").asDouble(),
        process.peakHeapBytes(),
        result.get("peak_resident_bytes").asLong(),
        result.get("files").asLong(),
        "local files, no Iceberg, no object store");
  }

  private void freshness() throws Exception {
    int rate = options.freshnessRate();
    if (rate <= 0) {
      SystemResult inferred = report.system("inferred");
      // Half of the sustained maximum: the rate once the service had started.
      rate = inferred == null ? 1000 : (int) (inferred.recordsPerSecondAfterStartup() / 2);
    }
    String topic = "bench_fresh_" + options.runId();
    String table = table("freshness");
    BenchTopics.create(stack.kafkaBootstrap(), topic, options.partitions());
    TributaryService.Pipeline pipeline =
        new TributaryService.Pipeline(
            table,
            topic,
            schema + "." + table,
            DAY_PARTITIONS,
            Duration.ofSeconds(1),
            options.freshnessMaintenance(),
            Duration.ofMinutes(1));
    try (MeasuredProcess service =
        TributaryService.start(
            "freshness", options.workDirectory(), options.service(), stack, pipeline)) {
      service.awaitLogLine("Listening on", Duration.ofMinutes(3));
      LOG.info("Freshness: {} records/s for {}", rate, options.freshnessDuration());
      FreshnessProbe.Result result =
          new FreshnessProbe(stack, trino)
              .run(
                  topic,
                  options.partitions(),
                  qualified(table),
                  rate,
                  Duration.ofSeconds(15),
                  options.freshnessDuration());
      report.freshness(result, service.peakHeapBytes(), service.peakResidentBytes());
    }
  }

  private void queries() throws Exception {
    String topic = "bench_query_" + options.runId();
    String plain = table("query-plain");
    String continuous = table("query-compacted");
    String full = table("query-full");
    BenchTopics.create(stack.kafkaBootstrap(), topic, options.partitions());
    long produced;
    Path compactingLog;
    try (MeasuredProcess plainService =
            TributaryService.start(
                "query-plain",
                options.workDirectory(),
                options.service(),
                stack,
                new TributaryService.Pipeline(
                    plain,
                    topic,
                    schema + "." + plain,
                    DAY_PARTITIONS,
                    Duration.ofSeconds(1),
                    false,
                    Duration.ofMinutes(1)));
        MeasuredProcess compactingService =
            TributaryService.start(
                "query-compacted",
                options.workDirectory(),
                options.service(),
                stack,
                new TributaryService.Pipeline(
                    continuous,
                    topic,
                    schema + "." + continuous,
                    DAY_PARTITIONS,
                    Duration.ofSeconds(1),
                    true,
                    Duration.ofSeconds(15)))) {
      plainService.awaitLogLine("Listening on", Duration.ofMinutes(3));
      compactingService.awaitLogLine("Listening on", Duration.ofMinutes(3));
      LOG.info(
          "Query tables: {} records/s for {} with 1 s commits",
          options.queryBuildRate(),
          options.queryBuildDuration());
      produced =
          BenchTopics.produceSteady(
              stack.kafkaBootstrap(),
              topic,
              options.partitions(),
              options.queryBuildRate(),
              options.queryBuildDuration());
      awaitCount(plain, produced);
      awaitCount(continuous, produced);
      compactingLog = compactingService.log();
    }
    trino.execute(
        "CREATE TABLE "
            + qualified(full)
            + " WITH (partitioning = ARRAY['"
            + DAY_PARTITIONS
            + "']) AS SELECT * FROM "
            + qualified(plain));
    trino.execute("ALTER TABLE " + qualified(full) + " EXECUTE optimize");
    QueryTimer timer = new QueryTimer(trino, 5);
    long from = produced / 2;
    report.queries(
        timer.time(schema, plain, from),
        timer.time(schema, continuous, from),
        timer.time(schema, full, from),
        CompactionLog.read(compactingLog),
        produced,
        options.queryBuildDuration());
  }

  private void awaitCount(String table, long records) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    String count = "SELECT count(*) FROM " + qualified(table);
    while (trino.scalarOrMissing(count) < records) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(table + " did not reach " + records + " rows");
      }
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
  }

  static Map<String, String> machine() throws IOException {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
        machine.put("memory_mb", Long.toString(kilobytes / 1024));
      }
    }
    machine.put(
        "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return machine;
  }
}
