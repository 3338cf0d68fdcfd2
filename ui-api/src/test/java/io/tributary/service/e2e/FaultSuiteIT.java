package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.service.e2e.StackControl.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: the invariants of {@code DESIGN.md} on the real local stack while parts of it
 * fail. Each scenario runs {@code -Dtributary.faults.runs} times (2 by default; more for a soak)
 * against one service committing every second under steady traffic, with the fault landing at a
 * random moment just after a commit starts. After each run the fault heals and the test checks,
 * with nothing done by hand: the pipeline catches up and is {@code RUNNING} again (I6), every
 * produced offset is in exactly one table once (I1), no data file is referenced twice (I2),
 * committed positions only moved forward (I3) and every referenced file exists (I4).
 *
 * <p>A commit that times out after landing is covered by {@code HiveCommitFaultsIT}, compaction
 * racing a crash by {@code CompactionCrashIT}. This suite stops and starts components of the stack
 * it runs against (through {@code minio-local/stack stop|start}), so it must not share the stack
 * with tests running at the same time; the build runs IT classes one after another.
 */
class FaultSuiteIT {
  private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteIT.class);
  private static final int RUNS = Integer.getInteger("tributary.faults.runs", 2);
  private static final Duration S3_OUTAGE =
      Duration.ofSeconds(Long.getLong("tributary.faults.s3-outage-seconds", 60));
  private static final Duration STORM =
      Duration.ofSeconds(Long.getLong("tributary.faults.storm-seconds", 30));
  private static final long SEED = Long.getLong("tributary.faults.seed", System.nanoTime());

  /** Long enough for the commit retry backoff that a minute's outage builds up (up to 64 s). */
  private static final Duration CATCH_UP = Duration.ofMinutes(5);

  private static final int RECORDS_PER_SECOND = 200;
  private static final List<String> SUMMARY = new ArrayList<>();

  private final StackClients clients = StackClients.shared();
  private final SplittableRandom random = new SplittableRandom(SEED);

  /** The runs, their timings and results, in the log and in {@code target/e2e/fault-suite.txt}. */
  @AfterAll
  static void summarize() throws IOException {
    String summary =
        "Fault suite, seed %d (-Dtributary.faults.seed), %d runs per scenario:%n  %s%n"
            .formatted(SEED, RUNS, String.join("\n  ", SUMMARY));
    LOG.info(summary);
    Files.writeString(
        Files.createDirectories(Path.of("target", "e2e")).resolve("fault-suite.txt"), summary);
  }

  @Test
  void kafkaBrokerRestartedMidCommit() throws Exception {
    try (Scenario scenario = new Scenario("kafka-restart", Catalog.HIVE_METASTORE);
        StackControl stack = new StackControl(clients.stack())) {
      for (int run = 1; run <= RUNS; run++) {
        boolean kill = run % 2 == 1;
        scenario.run(
            run,
            kill ? "SIGKILL" : "SIGTERM",
            () -> {
              scenario.awaitCommitInFlight();
              long down = System.nanoTime();
              if (kill) {
                stack.kill(Component.KAFKA);
              } else {
                stack.stop(Component.KAFKA);
              }
              pause(0, 5_000);
              stack.start(Component.KAFKA);
              return "down " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down) + " ms";
            });
      }
    }
  }

  @Test
  void metastoreRestartedMidCommit() throws Exception {
    catalogRestartedMidCommit("metastore-restart", Catalog.HIVE_METASTORE, Component.METASTORE);
  }

  @Test
  void restCatalogRestartedMidCommit() throws Exception {
    catalogRestartedMidCommit("rest-catalog-restart", Catalog.REST, Component.REST);
  }

  private void catalogRestartedMidCommit(String name, Catalog catalog, Component server)
      throws Exception {
    try (Scenario scenario = new Scenario(name, catalog);
        StackControl stack = new StackControl(clients.stack())) {
      for (int run = 1; run <= RUNS; run++) {
        boolean kill = run % 2 == 1;
        scenario.run(
            run,
            kill ? "SIGKILL" : "SIGTERM",
            () -> {
              scenario.awaitCommitInFlight();
              long down = System.nanoTime();
              if (kill) {
                stack.kill(server);
              } else {
                stack.stop(server);
              }
              pause(0, 5_000);
              stack.start(server);
              return "down " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down) + " ms";
            });
      }
    }
  }

  @Test
  void objectStoreDownForAMinute() throws Exception {
    try (Scenario scenario = new Scenario("s3-outage", Catalog.HIVE_METASTORE);
        StackControl stack = new StackControl(clients.stack())) {
      for (int run = 1; run <= RUNS; run++) {
        scenario.run(
            run,
            "down " + S3_OUTAGE.toSeconds() + " s",
            () -> {
              scenario.awaitCommitInFlight();
              stack.stop(Component.S3);
              hold(S3_OUTAGE.toNanos());
              stack.start(Component.S3);
              return null;
            });
      }
    }
  }

  /**
   * Replicas of the same service, in the same consumer group, join and leave (SIGTERM or SIGKILL)
   * every few seconds; at least one stays, at most three run at once. A joining replica is up (its
   * HTTP server answers) before the next step.
   */
  @Test
  void rebalanceStorm() throws Exception {
    try (Scenario scenario = new Scenario("rebalance-storm", Catalog.HIVE_METASTORE)) {
      for (int run = 1; run <= RUNS; run++) {
        scenario.run(
            run,
            STORM.toSeconds() + " s",
            () -> {
              long end = System.nanoTime() + STORM.toNanos();
              int joins = 0;
              int leaves = 0;
              while (System.nanoTime() < end) {
                pause(2_000, 6_000);
                int replicas = scenario.replicas.size();
                if (replicas == 1 || (replicas < 3 && random.nextBoolean())) {
                  // Up before it may leave: on a busy machine a JVM killed seconds after its
                  // start never reaches the consumer group, and the storm would be no storm.
                  scenario.join().awaitStarted();
                  joins++;
                } else {
                  scenario.leave(random.nextInt(replicas), random.nextBoolean());
                  leaves++;
                }
              }
              while (scenario.replicas.size() > 1) {
                scenario.leave(random.nextInt(scenario.replicas.size()), random.nextBoolean());
                leaves++;
              }
              return joins + " joins, " + leaves + " leaves";
            });
      }
    }
  }

  /** A random pause: the timing of a fault is part of what each run varies. */
  private void pause(int minMillis, int maxMillis) {
    hold(TimeUnit.MILLISECONDS.toNanos(minMillis + random.nextInt(maxMillis - minMillis + 1)));
  }

  /** Lets a fault last (nothing to poll for: the time itself is the point). */
  private static void hold(long nanos) {
    long end = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** The catalog a scenario's service commits to, and Trino's catalog on the same tables. */
  private enum Catalog {
    HIVE_METASTORE("iceberg"),
    REST("iceberg_rest");

    private final String trinoCatalog;

    Catalog(String trinoCatalog) {
      this.trinoCatalog = trinoCatalog;
    }

    String serviceConfig(LocalStack stack) {
      return switch (this) {
        case HIVE_METASTORE -> ServiceConfigs.catalog(stack, stack.metastoreUri());
        case REST -> ServiceConfigs.restCatalog(stack);
      };
    }
  }

  /** A fault: injects it, waits until it has healed, and may say what it did. */
  @FunctionalInterface
  private interface Fault {
    String injectAndHeal() throws Exception;
  }

  /**
   * One scenario's topic, tables and running service(s) (one, except during a rebalance storm), and
   * the invariants followed over its runs.
   */
  private final class Scenario implements AutoCloseable {
    private final String name;
    private final String topic;
    private final String schema;
    private final String config;
    private final Catalog catalog;
    private final List<String> tables;
    private final SteadyTraffic traffic;
    private final ObjectStore objects;
    private final Invariants invariants;
    private final List<ServiceProcess> replicas = new ArrayList<>();
    private int started;

    Scenario(String name, Catalog catalog) throws Exception {
      this.name = name;
      this.catalog = catalog;
      this.topic = UniqueNames.of("faults");
      this.schema = topic;
      clients.topics().create(topic, 3);
      LocalStack stack = clients.stack();
      this.config =
          catalog.serviceConfig(stack)
              + """
                maintenance:
                  interval: 5s
                  hot-partition-max-small-files: 4
                  cold-after: 15s
                pipelines:
                  faults:
                    source:
                      kafka:
                        bootstrap-servers: %s
                        topics: [%s]
                        properties:
                          session.timeout.ms: "6000"
                          heartbeat.interval.ms: "1000"
                    route:
                      namespace: %s
                      field: kind
                      rules:
                        - {equals: a, table: %s.a}
                        - {equals: b, table: %s.b}
                    tables:
                      defaults:
                        partition-by: ["day(event_time)"]
                        event-time-field: event_time
                    commit:
                      interval: 1s
              """
                  .formatted(stack.kafkaBootstrap(), topic, schema, schema, schema);
      this.tables =
          List.of("a", "b", "faults__dead_letter").stream()
              .map(table -> catalog.trinoCatalog + "." + schema + "." + table)
              .toList();
      this.traffic =
          new SteadyTraffic(clients.topics(), topic, RECORDS_PER_SECOND, FaultSuiteIT::recordValue);
      this.objects = new ObjectStore(stack);
      this.invariants = new Invariants(clients.trino(), objects, tables);
      join();
      replicas.get(0).awaitStarted();
    }

    /**
     * Runs traffic around the fault, then checks that the pipeline caught up and every invariant.
     */
    void run(int run, String how, Fault fault) throws Exception {
      traffic.start();
      long faultStart = System.nanoTime();
      String what = fault.injectAndHeal();
      long healed = System.nanoTime();
      // Records after the heal need commits after the heal.
      pause(2_000, 4_000);
      traffic.stop();
      Map<String, Map<Integer, Long>> endOffsets =
          Map.of(topic, clients.topics().endOffsets(topic));
      long produced = endOffsets.get(topic).values().stream().mapToLong(Long::longValue).sum();
      ServiceProcess service = replicas.get(0);
      // I6: the pipeline catches up by itself and is healthy again.
      await()
          .atMost(CATCH_UP)
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () ->
                  allTablesExist() && SourceCoverage.rowCount(clients.trino(), tables) >= produced);
      long caughtUp = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  service.get("/api/v1/pipelines/faults").body().contains("\"state\":\"RUNNING\""));
      invariants.check(endOffsets);
      long checked = System.nanoTime();
      String line =
          "%s run %d/%d (%s%s): fault and heal %d s, caught up %d s later, checked in %d s; %d records in the topic (%d sends failed), %d positions followed"
              .formatted(
                  name,
                  run,
                  RUNS,
                  how,
                  what == null ? "" : ", " + what,
                  TimeUnit.NANOSECONDS.toSeconds(healed - faultStart),
                  TimeUnit.NANOSECONDS.toSeconds(caughtUp - healed),
                  TimeUnit.NANOSECONDS.toSeconds(checked - caughtUp),
                  produced,
                  traffic.failures(),
                  invariants.positionsSeen());
      LOG.info(line);
      synchronized (SUMMARY) {
        SUMMARY.add(line);
      }
      assertThat(produced).as("records produced in %s run %d", name, run).isPositive();
    }

    /** Waits for a commit of rows to start, then a little more, so the fault lands inside it. */
    void awaitCommitInFlight() throws Exception {
      pause(500, 3_000);
      ServiceProcess service = replicas.get(0);
      service.awaitLogLine("Committing", service.logSize(), Duration.ofMinutes(2));
      pause(0, 300);
    }

    /** Starts one more replica; it joins the consumer group once it is up. */
    ServiceProcess join() throws Exception {
      started++;
      ServiceProcess replica = ServiceProcess.start(name + "-" + started, config);
      replicas.add(replica);
      return replica;
    }

    /** Stops the replica at that index, with SIGKILL or SIGTERM. */
    void leave(int index, boolean kill) throws Exception {
      ServiceProcess replica = replicas.remove(index);
      if (kill) {
        replica.kill();
      } else {
        replica.stop();
      }
    }

    private boolean allTablesExist() throws Exception {
      for (String table : List.of("a", "b", "faults__dead_letter")) {
        if (!clients.trino().tableExists(catalog.trinoCatalog, schema, table)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() throws Exception {
      try {
        traffic.close();
        for (ServiceProcess replica : replicas) {
          replica.close();
        }
      } finally {
        objects.close();
      }
    }
  }

  /**
   * Kinds {@code a} and {@code b} go to their tables, {@code c} matches no route and every 101st
   * record is malformed: both become dead letters.
   */
  private static byte[] recordValue(long id) {
    String json =
        id % 101 == 0
            ? "{\"kind\": \"a\", \"id\": " + id
            : "{\"kind\": \"%s\", \"id\": %d, \"event_time\": \"2026-11-%02dT%02d:00:00Z\"}"
                .formatted(
                    List.of("a", "b", "a", "c").get((int) (id % 4)), id, 20 + id % 3, id % 24);
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
