package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** The figures of one run, as a markdown report and as {@code latest.json}. */
final class Report {
  private static final Map<String, String> TITLES =
      Map.of(
          "inferred", "Tributary, schema inferred",
          "given", "Tributary, schema given up front",
          "transforms", "Tributary, inferred, with a typical transform chain",
          "partitions100", "Tributary, inferred, 100 table partitions",
          "kafka-connect", "Iceberg Kafka Connect sink",
          "limit", "Physical limit (Kafka + JSON + Parquet, local files)",
          "backfill", "Tributary, backfill over 7 days, hourly partitions, 3 tables, 1 s commits",
          "backfill-5s", "Tributary, the same backfill, 5 s commits",
          "kafka-connect-backfill", "Iceberg Kafka Connect sink, the same backfill");

  private final BenchmarkOptions options;
  private final Instant started;
  private final String loadAtStart;
  private final Map<String, SystemResult> systems = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, CommitRoundLog.Rounds> rounds = new LinkedHashMap<>();
  private long records;
  private long bytes;
  private FreshnessProbe.Result freshness;
  private OptionalLong freshnessHeap = OptionalLong.empty();
  private long freshnessResident;
  private QueryTimer.Times plain;
  private QueryTimer.Times continuous;
  private QueryTimer.Times full;
  private CompactionLog.Throughput compaction;
  private long queryRecords;
  private java.time.Duration queryBuild;

  Report(BenchmarkOptions options, Instant started) throws IOException {
    this.options = requireNonNull(options, "options is null");
    this.started = requireNonNull(started, "started is null");
    this.loadAtStart = loadAverage();
  }

  void preloaded(long records, long bytes) {
    this.records = records;
    this.bytes = bytes;
  }

  long preloadedBytes() {
    return bytes;
  }

  void add(String system, SystemResult result) {
    systems.put(system, result);
  }

  void rounds(String system, CommitRoundLog.Rounds figures) {
    rounds.put(system, figures);
  }

  void failed(String part, String reason) {
    failures.put(part, reason);
  }

  SystemResult system(String system) {
    return systems.get(system);
  }

  void freshness(FreshnessProbe.Result result, OptionalLong heap, long resident) {
    this.freshness = result;
    this.freshnessHeap = heap;
    this.freshnessResident = resident;
  }

  void queries(
      QueryTimer.Times plain,
      QueryTimer.Times continuous,
      QueryTimer.Times full,
      CompactionLog.Throughput compaction,
      long records,
      java.time.Duration build) {
    this.plain = plain;
    this.continuous = continuous;
    this.full = full;
    this.compaction = compaction;
    this.queryRecords = records;
    this.queryBuild = build;
  }

  /** Writes the markdown report and latest.json, prints the report, and returns its path. */
  @SuppressWarnings("checkstyle:regexp")
  Path write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, String> machine = Benchmark.machine();
    String loadAtEnd = loadAverage();
    String markdown = markdown(machine, loadAtEnd);
    String stamp =
        DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC).format(started);
    String name = stamp + (options.label().isEmpty() ? "" : "-" + slug());
    Path file = directory.resolve(name + ".md");
    Files.writeString(file, markdown);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String figures = json.writeValueAsString(json(json, machine, loadAtEnd)) + "\n";
    Files.writeString(directory.resolve(name + ".json"), figures);
    // A freshness-only or query-only run has no throughput figures: it keeps the last headline.
    if (options.runs("inferred")) {
      Files.writeString(directory.resolve("latest.json"), figures);
    }
    System.out.println(markdown);
    return file;
  }

  private String slug() {
    return options.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private ObjectNode json(ObjectMapper mapper, Map<String, String> machine, String loadAtEnd) {
    ObjectNode root = mapper.createObjectNode();
    root.put("date", DateTimeFormatter.ISO_INSTANT.format(started));
    root.put("label", options.label());
    root.put("records", records);
    root.put("record_bytes", records == 0 ? 0 : (double) bytes / records);
    root.put("partitions", options.partitions());
    root.put("commit_interval_seconds", options.commitInterval().toSeconds());
    root.put("service_jvm_options", String.join(" ", options.service().jvmOptions()));
    SystemResult inferred = systems.get("inferred");
    SystemResult connect = systems.get("kafka-connect");
    SystemResult limit = systems.get("limit");
    putNumber(root, "tributary_records_per_cpu_second", perCpu(inferred));
    putNumber(root, "kafka_connect_records_per_cpu_second", perCpu(connect));
    putNumber(root, "limit_records_per_cpu_second", perCpu(limit));
    putNumber(root, "ratio_vs_kafka_connect", ratio(inferred, connect));
    putNumber(root, "fraction_of_limit", ratio(inferred, limit));
    putNumber(root, "ratio_vs_kafka_connect_after_startup", ratioAfterStartup(inferred, connect));
    putNumber(root, "fraction_of_limit_after_startup", ratioAfterStartup(inferred, limit));
    putNumber(
        root, "freshness_p50_seconds", freshness == null ? Double.NaN : freshness.p50Seconds());
    putNumber(
        root, "freshness_p99_seconds", freshness == null ? Double.NaN : freshness.p99Seconds());
    putNumber(
        root, "freshness_max_seconds", freshness == null ? Double.NaN : freshness.maxSeconds());
    putNumber(root, "peak_heap_mb", inferred == null ? Double.NaN : megabytes(inferred));
    SystemResult hundred = systems.get("partitions100");
    putNumber(
        root, "peak_heap_mb_100_partitions", hundred == null ? Double.NaN : megabytes(hundred));
    putNumber(root, "transforms_ratio_vs_inferred", ratio(systems.get("transforms"), inferred));
    SystemResult backfill = systems.get("backfill");
    putNumber(root, "backfill_records_per_cpu_second", perCpu(backfill));
    putNumber(root, "backfill_ratio_vs_standard", ratio(backfill, inferred));
    putNumber(
        root,
        "backfill_ratio_vs_kafka_connect",
        ratio(backfill, systems.get("kafka-connect-backfill")));
    CommitRoundLog.Rounds backfillRounds = rounds.get("backfill");
    putNumber(
        root,
        "commit_round_p99_seconds",
        backfillRounds == null ? Double.NaN : backfillRounds.p99Seconds());
    putNumber(
        root,
        "files_per_table_per_round_backfill",
        backfillRounds == null ? Double.NaN : backfillRounds.filesPerTableCommit());
    putNumber(
        root, "peak_heap_mb_500_partitions", backfill == null ? Double.NaN : megabytes(backfill));
    root.put("cores", Integer.parseInt(machine.get("cores")));
    root.put("memory_mb", Long.parseLong(machine.get("memory_mb")));
    root.put("jdk", machine.get("jdk"));
    root.put("load_average_start", loadAtStart);
    root.put("load_average_end", loadAtEnd);
    ObjectNode failed = root.putObject("failures");
    failures.forEach(failed::put);
    ObjectNode all = root.putObject("systems");
    systems.forEach(
        (name, result) -> {
          ObjectNode node = all.putObject(name);
          node.put("records", result.records());
          node.put("bytes", result.bytes());
          node.put("wall_seconds", result.wallSeconds());
          node.put("cpu_seconds", result.cpuSeconds());
          node.put("records_per_second", result.recordsPerSecond());
          putNumber(node, "startup_seconds", result.startupSeconds());
          putNumber(
              node, "records_per_second_after_startup", result.recordsPerSecondAfterStartup());
          node.put("megabytes_per_second", result.megabytesPerSecond());
          node.put("cpu_seconds_per_million_records", result.cpuSecondsPerMillionRecords());
          node.put("records_per_cpu_second", result.recordsPerCpuSecond());
          putNumber(node, "startup_cpu_seconds", result.startupCpuSeconds());
          putNumber(
              node,
              "records_per_cpu_second_after_startup",
              result.recordsPerCpuSecondAfterStartup());
          putNumber(node, "peak_heap_mb", megabytes(result));
          node.put("peak_rss_mb", result.peakResidentBytes() / 1048576.0);
          node.put("data_files", result.dataFiles());
          node.put("note", result.note());
        });
    if (freshness != null) {
      ObjectNode node = root.putObject("freshness");
      node.put("rate", freshness.rate());
      node.put("seconds", freshness.measured().toSeconds());
      node.put("samples", freshness.samples());
      node.put("p50_seconds", freshness.p50Seconds());
      node.put("p99_seconds", freshness.p99Seconds());
      node.put("max_seconds", freshness.maxSeconds());
      node.put("produced", freshness.produced());
      node.put("not_visible", freshness.missing());
      node.put("maintenance", options.freshnessMaintenance());
    }
    if (plain != null) {
      ObjectNode node = root.putObject("queries");
      node.put("records", queryRecords);
      for (QueryTimer.Times times : new QueryTimer.Times[] {plain, continuous, full}) {
        ObjectNode table = node.putObject(kind(times));
        table.put("data_files", times.dataFiles());
        table.put("scan_seconds", times.scanSeconds());
        table.put("filter_seconds", times.filterSeconds());
      }
      node.put("continuous_vs_full_scan", continuous.scanSeconds() / full.scanSeconds());
      node.put("continuous_vs_full_filter", continuous.filterSeconds() / full.filterSeconds());
      putNumber(node, "compaction_megabytes_per_second", compaction.megabytesPerSecond());
      node.put("compaction_rewrites", compaction.rewrites());
    }
    return root;
  }

  private String kind(QueryTimer.Times times) {
    if (times == plain) {
      return "without_compaction";
    }
    return times == continuous ? "continuous_compaction" : "fully_compacted";
  }

  private static void putNumber(ObjectNode node, String key, double value) {
    if (Double.isNaN(value)) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }

  private static double perCpu(SystemResult result) {
    return result == null ? Double.NaN : result.recordsPerCpuSecond();
  }

  private static double ratio(SystemResult result, SystemResult base) {
    return result == null || base == null
        ? Double.NaN
        : result.recordsPerCpuSecond() / base.recordsPerCpuSecond();
  }

  private static double ratioAfterStartup(SystemResult result, SystemResult base) {
    return result == null || base == null
        ? Double.NaN
        : result.recordsPerCpuSecondAfterStartup() / base.recordsPerCpuSecondAfterStartup();
  }

  private static double megabytes(SystemResult result) {
    OptionalLong heap = result.peakHeapBytes();
    return heap.isPresent() ? heap.getAsLong() / 1048576.0 : Double.NaN;
  }

  private String markdown(Map<String, String> machine, String loadAtEnd) {
    StringBuilder out = new StringBuilder();
    out.append("# Tributary benchmark, ")
        .append(DateTimeFormatter.ISO_INSTANT.format(started))
        .append("\n\n");
    if (!options.label().isEmpty()) {
      out.append("**").append(options.label()).append("**\n\n");
    }
    out.append(
        String.format(
            Locale.ROOT,
            "Machine: %s cores, %s MB memory, %s. Load average (1, 5, 15 min) at start %s, at"
                + " end %s.%n%n",
            machine.get("cores"),
            machine.get("memory_mb"),
            machine.get("jdk"),
            loadAtStart,
            loadAtEnd));
    out.append("Service JVM options: `")
        .append(String.join(" ", options.service().jvmOptions()))
        .append("`.\n\n");
    if (!systems.isEmpty() && records > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "%,d JSON events of %.0f bytes on average (%.1f MB) preloaded into %d partitions;"
                  + " commit interval %d s; each system is timed from its process start until"
                  + " every record is visible in Trino. CPU is the process's own (utime + stime);"
                  + " \"to start\" is the CPU it had used when it logged that it was ready"
                  + " (JVM, framework and connector start-up, which a long-running process pays"
                  + " once). Peak heap is the largest heap occupancy before a GC, RSS the VmHWM.%n%n",
              records,
              (double) bytes / records,
              bytes / 1e6,
              options.partitions(),
              options.commitInterval().toSeconds()));
    }
    if (!systems.isEmpty()) {
      out.append(
          "| system | wall s | records/s | records/s after start | MB/s | CPU s per 1M records | records per CPU s |"
              + " per CPU s vs Kafka Connect | per CPU s vs limit | CPU s to start |"
              + " records per CPU s after start | after start vs Kafka Connect |"
              + " after start vs limit | peak heap MB | peak RSS MB | data files |\n");
      out.append(
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      SystemResult connect = systems.get("kafka-connect");
      SystemResult limit = systems.get("limit");
      systems.forEach(
          (name, result) ->
              out.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %.1f | %,.0f | %s | %.2f | %.1f | %,.0f | %s | %s | %s | %s | %s | %s |"
                          + " %s | %.0f | %d |%n",
                      TITLES.getOrDefault(name, name),
                      result.wallSeconds(),
                      result.recordsPerSecond(),
                      format(result.recordsPerSecondAfterStartup(), "%,.0f"),
                      result.megabytesPerSecond(),
                      result.cpuSecondsPerMillionRecords(),
                      result.recordsPerCpuSecond(),
                      format(ratio(result, connect), "%.2fx"),
                      format(ratio(result, limit), "%.0f%%", 100),
                      format(result.startupCpuSeconds(), "%.1f"),
                      format(result.recordsPerCpuSecondAfterStartup(), "%,.0f"),
                      format(ratioAfterStartup(result, connect), "%.2fx"),
                      format(ratioAfterStartup(result, limit), "%.0f%%", 100),
                      format(megabytes(result), "%.0f"),
                      result.peakResidentBytes() / 1048576.0,
                      result.dataFiles())));
      out.append('\n');
      systems.forEach(
          (name, result) -> {
            if (!result.note().isEmpty()) {
              out.append("- ")
                  .append(TITLES.getOrDefault(name, name))
                  .append(": ")
                  .append(result.note())
                  .append('\n');
            }
          });
      out.append('\n');
    }
    if (!rounds.isEmpty()) {
      out.append("## Commit rounds\n\n")
          .append(
              "From the service log: a round writes and commits every table with records;"
                  + " files per table commit counts the data files of each table's commit.\n\n")
          .append("| system | rounds | round p50 s | round p99 s | files per table commit |\n")
          .append("|---|---:|---:|---:|---:|\n");
      rounds.forEach(
          (name, figures) ->
              out.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %d | %s | %s | %s |%n",
                      TITLES.getOrDefault(name, name),
                      figures.rounds(),
                      format(figures.p50Seconds(), "%.2f"),
                      format(figures.p99Seconds(), "%.2f"),
                      format(figures.filesPerTableCommit(), "%.1f"))));
      out.append('\n');
    }
    if (freshness != null) {
      out.append("## Freshness\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "A steady producer at %,d records/s for %d s (after 15 s of warm-up), 1 s commit"
                      + " interval, maintenance %s; a prober asks Trino every 200 ms for the"
                      + " largest visible id per source partition. Delay = when the query"
                      + " answered minus when the record was sent.%n%n",
                  freshness.rate(),
                  freshness.measured().toSeconds(),
                  options.freshnessMaintenance() ? "on (every minute)" : "off"))
          .append("| samples | p50 s | p99 s | max s | not visible at the end | peak heap MB |\n")
          .append("|---:|---:|---:|---:|---:|---:|\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "| %,d | %.2f | %.2f | %.2f | %d | %s |%n%n",
                  freshness.samples(),
                  freshness.p50Seconds(),
                  freshness.p99Seconds(),
                  freshness.maxSeconds(),
                  freshness.missing(),
                  format(
                      freshnessHeap.isPresent()
                          ? freshnessHeap.getAsLong() / 1048576.0
                          : Double.NaN,
                      "%.0f")));
    }
    if (plain != null) {
      out.append("## Query time over many 1-second commits\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "%,d events at %,d records/s over %d s into two tables with 1 s commits: one"
                      + " without maintenance, one with continuous compaction (maintenance every"
                      + " 15 s, defaults otherwise). The fully compacted copy is a Trino CREATE"
                      + " TABLE AS SELECT of the uncompacted table followed by ALTER TABLE"
                      + " EXECUTE optimize. Median of 5 runs after one warm-up; scan ="
                      + " `GROUP BY status, channel` with count, sum, approx_distinct; filter ="
                      + " 100 consecutive order ids.%n%n",
                  queryRecords,
                  options.queryBuildRate(),
                  queryBuild.toSeconds()))
          .append(
              "| table | data files | full-scan aggregate s | selective filter s | scan vs fully"
                  + " compacted | filter vs fully compacted |\n")
          .append("|---|---:|---:|---:|---:|---:|\n");
      for (QueryTimer.Times times : new QueryTimer.Times[] {plain, continuous, full}) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %.2fx | %.2fx |%n",
                kind(times).replace('_', ' '),
                times.dataFiles(),
                times.scanSeconds(),
                times.filterSeconds(),
                times.scanSeconds() / full.scanSeconds(),
                times.filterSeconds() / full.filterSeconds()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%nCompaction throughput: %s MB/s of input rewritten by the one maintenance thread"
                  + " (at most one core), %d rewrites, %.1f MB in %.1f s.%n%n",
              format(compaction.megabytesPerSecond(), "%.1f"),
              compaction.rewrites(),
              compaction.bytes() / 1e6,
              compaction.busy().toMillis() / 1000.0));
    }
    if (!failures.isEmpty()) {
      out.append("## What failed in this run\n\n");
      failures.forEach(
          (part, reason) -> out.append("- ").append(part).append(": ").append(reason).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }

  private static String format(double value, String pattern) {
    return format(value, pattern, 1);
  }

  private static String format(double value, String pattern, double scale) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value * scale);
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
