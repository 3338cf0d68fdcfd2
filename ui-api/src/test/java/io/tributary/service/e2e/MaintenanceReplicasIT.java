package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three replicas of the service, same config, one consumer group, compacting every two seconds:
 * each table (three routed ones and the dead-letter table) is maintained by exactly one replica at
 * a time, as every replica's API says at every poll; our replicas' rewrites never conflict; a
 * SIGKILL of a maintainer hands its tables to a survivor within the stated bound (lease duration +
 * 2 x lease tick); rows stay exactly once.
 */
class MaintenanceReplicasIT {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceReplicasIT.class);
  private static final int RECORDS = 60_000;
  private static final int RECORDS_PER_SECOND = 600;
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration STARTUP = Duration.ofMinutes(4);
  private static final Duration LEASE = Duration.ofSeconds(10);
  // lease-duration + 2 x tick (min(interval, lease / 4) = 2 s) = 14 s, plus the catalog reads of
  // a tick over four tables on a busy 2-core machine.
  private static final Duration HAND_OVER_BOUND = Duration.ofSeconds(40);
  private static final List<String> ROUTED = List.of("alpha", "beta", "gamma");
  private static final Pattern CONFLICTS =
      Pattern.compile("(?m)^tributary_compaction_conflicts_total\\{[^}]*\\} (\\S+)$");

  @Test
  void eachTableHasOneMaintainerAndAKilledMaintainerHandsOver() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Trino trino = clients.trino();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("maintainers");
    String schema = topic;
    topics.create(topic, 6);
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              maintenance:
                interval: %ds
                lease-duration: %ds
                target-file-size: 4MB
                hot-partition-max-small-files: 3
                cold-after: 5s
                snapshot-max-age: 30s
                min-snapshots: 2
                orphan-safety-age: 1m
                orphan-sweep-interval: 10s
              pipelines:
                replicated:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                      properties:
                        session.timeout.ms: "6000"
                        heartbeat.interval.ms: "1000"
                  route:
                    field: kind
                    rules:
                      - {equals: a, table: %s.alpha}
                      - {equals: b, table: %s.beta}
                      - {equals: c, table: %s.gamma}
                  dead-letter:
                    table: %s.rejects
                  commit:
                    interval: 1s
            """
                .formatted(
                    INTERVAL.toSeconds(),
                    LEASE.toSeconds(),
                    stack.kafkaBootstrap(),
                    topic,
                    schema,
                    schema,
                    schema,
                    schema);
    List<String> tables = new ArrayList<>();
    ROUTED.forEach(name -> tables.add(schema + "." + name));
    tables.add(schema + ".rejects");
    List<String> trinoTables = tables.stream().map(table -> "iceberg." + table).toList();

    CompletableFuture<Void> producing =
        CompletableFuture.runAsync(
            () ->
                topics.produceSteadily(
                    topic,
                    RECORDS,
                    RECORDS_PER_SECOND,
                    id ->
                        (id % 100 == 99
                                ? "not json " + id
                                : "{\"id\": %d, \"kind\": \"%s\"}"
                                    .formatted(id, "abc".charAt(id % 3)))
                            .getBytes(StandardCharsets.UTF_8)));
    List<ServiceProcess> replicas = new ArrayList<>();
    try {
      // One after another: three JVMs starting at once on two cores take minutes.
      for (int i = 1; i <= 3; i++) {
        ServiceProcess replica = ServiceProcess.start("maintainers-" + i, config);
        replicas.add(replica);
        replica.awaitStarted(STARTUP);
      }
      Watch watch = new Watch(replicas, tables);
      ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
      watcher.scheduleWithFixedDelay(watch::sweep, 0, 200, TimeUnit.MILLISECONDS);

      // Every table gets one maintainer, which compacts it.
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  tables.stream()
                      .allMatch(
                          table ->
                              watch.maintainer(table).isPresent()
                                  && compactions(replicas.get(watch.maintainer(table).get()), table)
                                      > 0));
      Map<String, Integer> before = new HashMap<>();
      tables.forEach(table -> before.put(table, watch.maintainer(table).orElseThrow()));
      int victim = before.get(tables.get(0));
      List<String> handedOver =
          tables.stream().filter(table -> before.get(table) == victim).toList();

      watch.forget(victim);
      long killedAt = System.nanoTime();
      replicas.get(victim).kill();
      Map<String, Duration> handOverTimes = new ConcurrentHashMap<>();
      await()
          .atMost(HAND_OVER_BOUND.plusSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                for (String table : handedOver) {
                  Optional<Integer> now = watch.maintainer(table);
                  if (!handOverTimes.containsKey(table) && now.isPresent() && now.get() != victim) {
                    handOverTimes.put(table, Duration.ofNanos(System.nanoTime() - killedAt));
                  }
                }
                return handOverTimes.size() == handedOver.size();
              });
      LOG.info(
          "Replica {} maintained {}; hand-over times after SIGKILL: {}",
          victim + 1,
          handedOver,
          handOverTimes);
      assertThat(handOverTimes.values()).allMatch(time -> time.compareTo(HAND_OVER_BOUND) <= 0);
      for (String table : handedOver) {
        assertThat(watch.maintainer(table)).isPresent().get().isNotEqualTo(victim);
      }

      producing.get();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(() -> SourceCoverage.rowCount(trino, trinoTables) >= RECORDS);
      // The new maintainers compact the tables they took over.
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  handedOver.stream()
                      .allMatch(
                          table ->
                              compactions(replicas.get(watch.maintainer(table).get()), table) > 0));
      watcher.shutdown();
      assertThat(watcher.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

      SourceCoverage.assertExactlyOnce(trino, trinoTables, Map.of(topic, topics.endOffsets(topic)));
      assertThat(watch.violations()).as("moments with two maintainers of one table").isEmpty();
      assertThat(watch.polls()).isGreaterThan(100);
      for (int i = 0; i < replicas.size(); i++) {
        if (i != victim) {
          assertThat(conflicts(replicas.get(i))).as("conflicts on replica %d", i + 1).isZero();
        }
        String log = replicas.get(i).logText();
        assertThat(log).doesNotContain("conflicted");
        // Rewrites of a table only ever come from replicas seen maintaining it.
        for (String table : tables) {
          if (log.contains("." + table + " partition")
              || log.contains(" " + table + " partition")) {
            assertThat(watch.everMaintainedBy(table)).as("maintainers of %s", table).contains(i);
          }
        }
      }
    } finally {
      for (ServiceProcess replica : replicas) {
        replica.close();
      }
    }
  }

  private static long compactions(ServiceProcess replica, String table) {
    try {
      Matcher matcher =
          Pattern.compile("\"compactionsCommitted\":(\\d+)")
              .matcher(replica.get("/api/v1/tables/" + table + "/maintenance").body());
      return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  private static double conflicts(ServiceProcess replica) throws Exception {
    Matcher matcher = CONFLICTS.matcher(replica.get("/q/metrics").body());
    double total = 0;
    while (matcher.find()) {
      total += Double.parseDouble(matcher.group(1));
    }
    return total;
  }

  /**
   * Polls every live replica's maintenance API for every table, sweep after sweep, and records any
   * sweep in which two replicas say they maintain the same table.
   */
  private static final class Watch {
    private final List<ServiceProcess> replicas;
    private final List<String> tables;
    private final Set<Integer> dead = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> current = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> ever = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();

    Watch(List<ServiceProcess> replicas, List<String> tables) {
      this.replicas = replicas;
      this.tables = tables;
    }

    void sweep() {
      for (String table : tables) {
        Set<Integer> here = new HashSet<>();
        for (int i = 0; i < replicas.size(); i++) {
          if (!dead.contains(i) && maintainedHere(replicas.get(i), table)) {
            here.add(i);
          }
        }
        if (here.size() > 1) {
          violations.add(table + " maintained by replicas " + here);
        }
        if (here.size() == 1) {
          int only = here.iterator().next();
          current.put(table, only);
          ever.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(only);
        } else {
          current.remove(table);
        }
      }
      polls.incrementAndGet();
    }

    private static boolean maintainedHere(ServiceProcess replica, String table) {
      try {
        return replica
            .get("/api/v1/tables/" + table + "/maintenance")
            .body()
            .contains("\"maintainedHere\":true");
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }

    Optional<Integer> maintainer(String table) {
      return Optional.ofNullable(current.get(table));
    }

    Set<Integer> everMaintainedBy(String table) {
      return ever.getOrDefault(table, Set.of());
    }

    void forget(int replica) {
      dead.add(replica);
      current.values().removeIf(maintainer -> maintainer == replica);
    }

    List<String> violations() {
      return violations;
    }

    int polls() {
      return polls.get();
    }
  }
}
