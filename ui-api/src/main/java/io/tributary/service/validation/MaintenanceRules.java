package io.tributary.service.validation;

import io.tributary.service.config.MaintenanceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Maintenance settings beyond what their annotations say. */
final class MaintenanceRules {
  private static final String KEY = ConfigMappingPass.PREFIX + ".maintenance.";

  private MaintenanceRules() {}

  static void check(MaintenanceConfig config, ConfigErrors errors) {
    Map<String, Duration> durations = new TreeMap<>();
    durations.put("interval", config.interval());
    durations.put("cold-after", config.coldAfter());
    durations.put("snapshot-max-age", config.snapshotMaxAge());
    durations.put("position-retention", config.positionRetention());
    durations.put("orphan-sweep-interval", config.orphanSweepInterval());
    durations.forEach((name, value) -> Durations.requirePositive(KEY + name, value, errors));
  }
}
