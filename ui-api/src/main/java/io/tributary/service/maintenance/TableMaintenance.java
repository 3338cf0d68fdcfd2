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
import io.tributary.compaction.ManifestRewrite;
import io.tributary.compaction.OrphanFileSweep;
import io.tributary.compaction.SnapshotExpiry;
import io.tributary.service.config.MaintenanceConfig;
import io.tributary.service.config.TributaryConfig;
import io.tributary.service.pipeline.PipelineSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jboss.logging.Logger;

/**
 * Compacts small files and expires snapshots of every pipeline's tables on a schedule, on its own
 * thread. Its commits are optimistic and validated from the snapshot they planned on, so they never
 * block or lose an append; it gives way while a pipeline cannot commit.
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
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      long interval = config.interval().toMillis();
      scheduler.scheduleWithFixedDelay(this::runOnce, interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    scheduler.shutdownNow();
  }

  public Optional<MaintenanceReport> report(TableIdentifier table) {
    return Optional.ofNullable(reports.get(table));
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
    try {
      Table table = catalog.loadTable(identifier);
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
          >= config.orphanSweepInterval().toMillis()) {
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
              null));
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
