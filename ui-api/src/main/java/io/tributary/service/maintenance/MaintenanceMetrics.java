package io.tributary.service.maintenance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.compaction.FileLayout;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Maintenance meters per table: counters of what was done and gauges of the file layout, labelled
 * by table only (never by partition value, which would be unbounded).
 */
final class MaintenanceMetrics {
  private final MeterRegistry registry;
  private final Map<TableIdentifier, FileLayout> layouts = new ConcurrentHashMap<>();
  private final Set<TableIdentifier> leaseGauges = ConcurrentHashMap.newKeySet();

  MaintenanceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void layout(TableIdentifier table, FileLayout layout) {
    if (layouts.put(table, layout) == null) {
      gauge("tributary.table.data.files", null, table, FileLayout::dataFiles);
      gauge("tributary.table.small.files", null, table, FileLayout::smallFiles);
      gauge(
          "tributary.compaction.lag",
          "seconds",
          table,
          current -> current.compactionLagMillis() / 1000.0);
    }
  }

  /** 1 while this replica holds the table's maintenance lease, else 0. */
  void leaseHeld(TableIdentifier table, Predicate<TableIdentifier> held) {
    if (leaseGauges.add(table)) {
      Gauge.builder("tributary.maintenance.lease.held", table, each -> held.test(each) ? 1 : 0)
          .description("1 while this replica maintains the table (holds its lease), else 0")
          .tag("table", table.toString())
          .strongReference(true)
          .register(registry);
    }
  }

  void count(String name, String unit, TableIdentifier table, long amount) {
    Counter.builder(name)
        .baseUnit(unit)
        .tag("table", table.toString())
        .register(registry)
        .increment(amount);
  }

  private void gauge(
      String name, String unit, TableIdentifier table, ToDoubleFunction<FileLayout> value) {
    Gauge.builder(
            name, layouts, all -> value.applyAsDouble(all.getOrDefault(table, FileLayout.empty())))
        .baseUnit(unit)
        .tag("table", table.toString())
        .register(registry);
  }
}
