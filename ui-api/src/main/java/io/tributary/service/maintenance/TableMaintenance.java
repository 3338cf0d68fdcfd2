package io.tributary.service.maintenance;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tributary.compaction.CompactionBudget;
import io.tributary.compaction.CompactionPlan;
import io.tributary.compaction.CompactionPlanner;
import io.tributary.compaction.CompactionResult;
import io.tributary.compaction.CompactionRunner;
import io.tributary.compaction.CompactionSettings;
import io.tributary.compaction.LeaseLostException;
import io.tributary.compaction.LeaseState;
import io.tributary.compaction.MaintenanceLeases;
import io.tributary.compaction.ManifestRewrite;
import io.tributary.compaction.OrphanFileSweep;
import io.tributary.compaction.SnapshotExpiry;
import io.tributary.service.config.MaintenanceConfig;
import io.tributary.service.config.TributaryConfig;
import io.tributary.service.pipeline.PipelineSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jboss.logging.Logger;

/**
 * Compacts small files and expires snapshots of every pipeline's tables on a schedule, on its own
 * thread. Its commits are optimistic and validated from the snapshot they planned on, so they never
 * block or lose an append; it gives way while a pipeline cannot commit.
 *
 * <p>With several replicas, each table is maintained by the one replica holding its maintenance
 * lease ({@link MaintenanceLeases}: a property of the table itself, taken and renewed by
 * conditional commits the catalog checks); the others only watch the lease, and take it over once
 * it has not been renewed for a lease duration. Leases are looked after on their own thread every
 * {@code min(interval, lease-duration / 4)}, so a dead holder's tables move within {@code
 * lease-duration + 2 x that tick}. Every maintenance commit goes through the lease's fence.
 */
@ApplicationScoped
public class TableMaintenance {
  private static final Logger LOG = Logger.getLogger(TableMaintenance.class);

  private final MaintenanceConfig config;
  private final Catalog catalog;
  private final PipelineSupervisor supervisor;
  private final MaintenanceMetrics metrics;
  private final CompactionPlanner planner;
  private final CompactionRunner runner;
  private final CompactionBudget budget;
  private final ManifestRewrite manifestRewrite;
  private final SnapshotExpiry expiry;
  private final OrphanFileSweep orphanSweep;
  private final MaintenanceLeases leases;
  private final Map<TableIdentifier, LeaseState> leaseStates = new ConcurrentHashMap<>();
  private final Duration leaseTick;
  // Leases are read, taken and renewed on their own thread, so a long maintenance run never lets
  // a lease lapse and hand-over does not wait for one.
  private final ScheduledExecutorService leaseKeeper =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> new Thread(runnable, "maintenance-leases"));
  private final Map<TableIdentifier, Long> lastSweepMillis = new ConcurrentHashMap<>();
  private final Map<TableIdentifier, MaintenanceReport> reports = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> new Thread(runnable, "table-maintenance"));

  TableMaintenance(
      TributaryConfig config,
      Catalog catalog,
      PipelineSupervisor supervisor,
      MeterRegistry registry) {
    this.config = config.maintenance();
    this.catalog = catalog;
    this.supervisor = supervisor;
    this.metrics = new MaintenanceMetrics(registry);
    CompactionSettings settings =
        new CompactionSettings(
            this.config.targetFileSize().bytes(),
            this.config.smallFileRatio(),
            this.config.hotPartitionMaxSmallFiles(),
            this.config.coldAfter(),
            this.config.maxBytesPerMinute().bytes(),
            this.config.threads());
    this.planner = new CompactionPlanner(settings);
    this.runner = new CompactionRunner(settings);
    this.budget = new CompactionBudget(settings.maxBytesPerMinute());
    this.manifestRewrite = new ManifestRewrite(this.config.manifestRewriteMinCount());
    this.expiry =
        new SnapshotExpiry(
            this.config.snapshotMaxAge(),
            this.config.minSnapshots(),
            this.config.positionRetention());
    this.orphanSweep = new OrphanFileSweep(this.config.orphanSafetyAge());
    Duration interval = this.config.interval();
    Duration leaseDuration = this.config.leaseDuration().orElse(interval.multipliedBy(3));
    this.leaseTick = min(interval, leaseDuration.dividedBy(4));
    this.leases =
        new MaintenanceLeases(replicaId(), leaseDuration, Clock.systemUTC(), System::nanoTime);
  }

  /** Unique among live replicas: host, process id, and a random part for reused process ids. */
  private static String replicaId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return (host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random))
        .replaceAll("[^A-Za-z0-9._-]", "_");
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      LOG.infof(
          "Maintenance runs as replica %s; leases are checked every %s",
          leases.replica(), leaseTick);
      leaseKeeper.scheduleWithFixedDelay(
          this::claimAll, 0, leaseTick.toMillis(), TimeUnit.MILLISECONDS);
      long interval = config.interval().toMillis();
      scheduler.scheduleWithFixedDelay(this::runOnce, interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    scheduler.shutdownNow();
    leaseKeeper.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)
          || !leaseKeeper.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Maintenance did not stop within 10 s; its leases expire by themselves");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    // Handing the tables over now spares the other replicas a lease duration of waiting.
    for (TableIdentifier identifier : leaseStates.keySet()) {
      if (leases.holds(identifier)) {
        try {
          leases.release(identifier, catalog.loadTable(identifier));
        } catch (RuntimeException e) {
          LOG.infof("Could not release the maintenance lease of %s: %s", identifier, e);
        }
      }
    }
  }

  /** What maintenance did to the table here, and which replica maintains it. */
  public Optional<MaintenanceReport> report(TableIdentifier table) {
    LeaseState lease = leaseStates.get(table);
    MaintenanceReport report = reports.get(table);
    if (report == null && lease == null) {
      return Optional.empty();
    }
    MaintenanceReport base = report != null ? report : MaintenanceReport.initial(table.toString());
    return Optional.of(
        base.maintainedBy(lease == null ? null : lease.holder().orElse(null), leases.holds(table)));
  }

  /** Whether this replica maintains the table now, for the metric. */
  boolean maintainedHere(TableIdentifier table) {
    return leases.holds(table);
  }

  /** Reads every table's lease, taking it when free or expired and renewing this replica's own. */
  void claimAll() {
    for (TableIdentifier identifier : supervisor.tables()) {
      try {
        LeaseState lease = leases.claim(identifier, catalog.loadTable(identifier));
        LeaseState previous = leaseStates.put(identifier, lease);
        metrics.leaseHeld(identifier, this::maintainedHere);
        if (lease.heldHere() && (previous == null || !previous.heldHere())) {
          metrics.count("tributary.maintenance.leases.acquired", null, identifier, 1);
        }
      } catch (RuntimeException e) {
        LOG.warnf("Cannot read or claim the maintenance lease of %s: %s", identifier, e);
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  void runOnce() {
    if (supervisor.anyStruggling()) {
      LOG.info(
          "A pipeline is retrying its commits or paused by backpressure; maintenance waits for"
              + " the next run");
      return;
    }
    for (TableIdentifier identifier : supervisor.tables()) {
      maintain(identifier);
    }
  }

  private void maintain(TableIdentifier identifier) {
    MaintenanceReport before =
        reports.getOrDefault(identifier, MaintenanceReport.initial(identifier.toString()));
    if (!leases.holds(identifier)) {
      return;
    }
    try {
      Table table = leases.fenced(identifier, catalog.loadTable(identifier));
      long now = System.currentTimeMillis();
      CompactionPlan plan = planner.plan(table, now, budget.available(now));
      metrics.layout(identifier, plan.layout());
      CompactionResult result = runner.run(table, plan);
      budget.spend(System.currentTimeMillis(), plan.bytes());
      table.refresh();
      int manifests = manifestRewrite.rewrite(table);
      int expired = expiry.expire(table, now);
      if (expired > 0) {
        LOG.infof("Expired %d snapshots of %s", expired, identifier);
      }
      long orphans = 0;
      if (now - lastSweepMillis.getOrDefault(identifier, 0L)
              >= config.orphanSweepInterval().toMillis()
          && leases.holds(identifier)) {
        orphans = orphanSweep.sweep(table, now);
        lastSweepMillis.put(identifier, now);
      }
      metrics.count("tributary.orphan.files.removed", null, identifier, orphans);
      metrics.count("tributary.compaction.rewritten", "bytes", identifier, result.bytesRewritten());
      metrics.count("tributary.compaction.conflicts", null, identifier, result.conflicts());
      metrics.count("tributary.snapshots.expired", null, identifier, expired);
      metrics.count("tributary.manifests.rewritten", null, identifier, manifests);
      reports.put(
          identifier,
          new MaintenanceReport(
              identifier.toString(),
              Instant.ofEpochMilli(now),
              before.compactionsCommitted() + result.groupsRewritten(),
              before.filesRemoved() + result.filesRemoved(),
              before.filesAdded() + result.filesAdded(),
              before.bytesRewritten() + result.bytesRewritten(),
              before.conflicts() + result.conflicts(),
              before.snapshotsExpired() + expired,
              before.orphanFilesRemoved() + orphans,
              before.manifestsRewritten() + manifests,
              dataFiles(table),
              plan.layout(),
              null,
              null,
              false));
    } catch (LeaseLostException lost) {
      // Another replica maintains the table now; what this one wrote for it was deleted.
      LOG.infof("Stopped maintaining %s: %s", identifier, lost.getMessage());
    } catch (RuntimeException e) {
      LOG.warnf(e, "Maintenance of %s failed; it runs again in %s", identifier, config.interval());
      reports.put(identifier, before.failed(Instant.now(), e.toString()));
    }
  }

  private static long dataFiles(Table table) {
    if (table.currentSnapshot() == null) {
      return 0;
    }
    return Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-data-files", "0"));
  }
}
