package io.tributary.service.pipeline;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.tributary.catalog.WarehouseProbe;
import io.tributary.ingest.Pipeline;
import io.tributary.ingest.PipelineSettings;
import io.tributary.ingest.PipelineStatus;
import io.tributary.ingest.kafka.KafkaRecordSource;
import io.tributary.ingest.kafka.KafkaSourceSettings;
import io.tributary.ingest.kinesis.KinesisRecordSource;
import io.tributary.ingest.kinesis.KinesisShardMetrics;
import io.tributary.ingest.kinesis.KinesisSourceSettings;
import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.RecordSource;
import io.tributary.schema.FieldProfileView;
import io.tributary.service.config.PipelineConfig;
import io.tributary.service.config.TributaryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jboss.logging.Logger;

/**
 * Starts every configured pipeline on its own thread, restarts a pipeline that failed after a delay
 * (so it catches up by itself once the fault heals), and on shutdown lets each pipeline commit what
 * it buffered.
 */
@ApplicationScoped
public class PipelineSupervisor {
  private static final Logger LOG = Logger.getLogger(PipelineSupervisor.class);
  private static final Duration RESTART_DELAY = Duration.ofSeconds(10);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

  private final TributaryConfig config;
  private final Catalog catalog;
  private final Map<String, RunningPipeline> pipelines = new ConcurrentHashMap<>();
  private final Map<String, KinesisShardMetrics> kinesisMetrics = new ConcurrentHashMap<>();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> new Thread(runnable, "pipeline-restarts"));
  private volatile boolean stopping;

  PipelineSupervisor(TributaryConfig config, Catalog catalog) {
    this.config = config;
    this.catalog = catalog;
  }

  void onStart(@Observes StartupEvent event) {
    Map<String, Plan> plans = plans(config);
    probeWarehouse();
    plans.forEach((name, plan) -> start(name, plan, new PipelineStatus()));
    handleTerminationSignals();
  }

  /**
   * SIGTERM and SIGINT first let every pipeline commit what it buffered, and only then shut the JVM
   * down. Once JVM shutdown starts, libraries' shutdown hooks (Iceberg's worker pool, the S3 upload
   * pool) stop the thread pools that a final commit needs.
   */
  @SuppressWarnings("checkstyle:IllegalImport")
  private void handleTerminationSignals() {
    for (String name : List.of("TERM", "INT")) {
      sun.misc.Signal.handle(
          new sun.misc.Signal(name),
          signal -> {
            Thread drain =
                new Thread(
                    () -> {
                      LOG.infof("SIG%s: committing buffered records before exiting", name);
                      stopPipelines();
                      Quarkus.asyncExit();
                    },
                    "signal-" + name.toLowerCase(java.util.Locale.ROOT));
            drain.start();
          });
    }
  }

  private void probeWarehouse() {
    try {
      new WarehouseProbe(PipelineSettingsMapper.catalog(config.catalog())).check();
    } catch (RuntimeException e) {
      // Not fatal: the store may come up later, and pipelines retry their commits until it does.
      LOG.errorf(
          e,
          "Cannot write to the warehouse %s; commits will fail until it is writable",
          config.catalog().warehouse());
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopPipelines();
  }

  private synchronized void stopPipelines() {
    if (stopping) {
      return;
    }
    stopping = true;
    restarts.shutdownNow();
    pipelines.values().forEach(running -> running.pipeline().stop());
    for (RunningPipeline running : pipelines.values()) {
      try {
        running.thread().join(SHUTDOWN_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.info("All pipelines stopped");
  }

  public Map<String, PipelineStatus> statuses() {
    Map<String, PipelineStatus> statuses = new TreeMap<>();
    pipelines.forEach((name, running) -> statuses.put(name, running.pipeline().status()));
    return statuses;
  }

  /** The dead-letter table of a configured pipeline. */
  public Optional<TableIdentifier> deadLetterTable(String pipeline) {
    return Optional.ofNullable(pipelines.get(pipeline))
        .map(running -> running.plan().settings().deadLetterTable());
  }

  /** Every table some pipeline writes and that exists, for maintenance. */
  public Set<TableIdentifier> tables() {
    Set<TableIdentifier> tables =
        new TreeSet<>(java.util.Comparator.comparing(TableIdentifier::toString));
    pipelines.values().forEach(running -> tables.addAll(running.pipeline().tables()));
    return tables;
  }

  /** The live field profiles of a table, from the pipeline that writes it. */
  public Optional<List<FieldProfileView>> fieldProfiles(TableIdentifier table) {
    for (RunningPipeline running : pipelines.values()) {
      Optional<List<FieldProfileView>> profiles = running.pipeline().fieldProfiles(table);
      if (profiles.isPresent()) {
        return profiles;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether some pipeline cannot commit right now or cannot keep up (its source is paused by
   * backpressure); maintenance then gives way.
   */
  public boolean anyStruggling() {
    return pipelines.values().stream()
        .map(running -> running.pipeline().status())
        .anyMatch(
            status -> status.state() == PipelineStatus.State.RETRYING || status.sourcePaused());
  }

  public Collection<String> names() {
    return new TreeMap<>(config.pipelines()).keySet();
  }

  /** Maps every pipeline's configuration, failing with all errors at once. */
  static Map<String, Plan> plans(TributaryConfig config) {
    Map<String, Plan> plans = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    new TreeMap<>(config.pipelines())
        .forEach(
            (name, pipeline) -> {
              try {
                plans.put(name, plan(name, pipeline));
              } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
              }
            });
    if (config.pipelines().isEmpty()) {
      errors.add("tributary.pipelines: no pipeline is configured");
    }
    if (!errors.isEmpty()) {
      throw new ConfigurationException(
          "Invalid Tributary configuration:\n  - " + String.join("\n  - ", errors));
    }
    return plans;
  }

  private static Plan plan(String name, PipelineConfig pipeline) {
    List<String> errors = new ArrayList<>();
    PipelineSettings settings = null;
    Optional<KafkaSourceSettings> kafka = Optional.empty();
    Optional<KinesisSourceSettings> kinesis = Optional.empty();
    try {
      settings = PipelineSettingsMapper.pipeline(name, pipeline);
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
    }
    String prefix = "tributary.pipelines." + name + ".source";
    try {
      if ("kinesis".equals(pipeline.source().type())) {
        kinesis =
            Optional.of(
                PipelineSettingsMapper.kinesis(
                    name,
                    pipeline
                        .source()
                        .kinesis()
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    prefix + ".kinesis: required when source.type is kinesis"))));
      } else {
        kafka =
            Optional.of(
                PipelineSettingsMapper.kafka(
                    name,
                    pipeline
                        .source()
                        .kafka()
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    prefix + ".kafka: required when source.type is kafka"))));
      }
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n  - ", errors));
    }
    return new Plan(settings, kafka, kinesis);
  }

  private void start(String name, Plan plan, PipelineStatus status) {
    if (stopping) {
      return;
    }
    Pipeline pipeline =
        new Pipeline(
            plan.settings(), catalog, assignments -> source(name, plan, assignments), status);
    Thread thread =
        new Thread(
            () -> {
              try {
                pipeline.run();
              } catch (RuntimeException e) {
                scheduleRestart(name, plan, status);
              }
            },
            "pipeline-" + name);
    pipelines.put(name, new RunningPipeline(plan, pipeline, thread));
    thread.start();
    LOG.infof(
        "Pipeline %s started: %s -> %s",
        name,
        plan.kafka()
            .map(kafka -> "Kafka " + kafka.topics())
            .orElseGet(() -> "Kinesis stream " + plan.kinesis().orElseThrow().stream()),
        plan.settings().route());
  }

  private RecordSource source(String name, Plan plan, PartitionAssignments assignments) {
    if (plan.kinesis().isPresent()) {
      return new KinesisRecordSource(
          plan.kinesis().get(), assignments, kinesisMetrics(name).orElseThrow());
    }
    return new KafkaRecordSource(plan.kafka().orElseThrow(), assignments);
  }

  /**
   * The shard metrics of a pipeline that reads Kinesis, the same object across restarts of the
   * pipeline; empty for other pipelines.
   */
  public Optional<KinesisShardMetrics> kinesisMetrics(String name) {
    PipelineConfig pipeline = config.pipelines().get(name);
    if (pipeline == null || !"kinesis".equals(pipeline.source().type())) {
      return Optional.empty();
    }
    return Optional.of(kinesisMetrics.computeIfAbsent(name, ignored -> new KinesisShardMetrics()));
  }

  private void scheduleRestart(String name, Plan plan, PipelineStatus status) {
    if (stopping) {
      return;
    }
    LOG.warnf("Pipeline %s failed; restarting in %s", name, RESTART_DELAY);
    restarts.schedule(
        () -> start(name, plan, status), RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A pipeline's settings and its source's: exactly one of kafka and kinesis is present. */
  record Plan(
      PipelineSettings settings,
      Optional<KafkaSourceSettings> kafka,
      Optional<KinesisSourceSettings> kinesis) {}

  private record RunningPipeline(Plan plan, Pipeline pipeline, Thread thread) {}
}
