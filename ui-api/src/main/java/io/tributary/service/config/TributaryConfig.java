package io.tributary.service.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.Valid;
import java.util.Map;

/** The service's configuration, under {@code tributary.}; environment variables override it. */
@ConfigMapping(prefix = "tributary")
public interface TributaryConfig {
  /** The catalog that registers every table. */
  @Valid
  CatalogConfig catalog();

  /** Compaction and expiry beside ingestion. */
  @Valid
  MaintenanceConfig maintenance();

  /** Who may use the admin API and the web UI; required. */
  @Valid
  SecurityConfig security();

  /** Pipelines by name; the name is also the consumer group suffix and the pipeline id. */
  Map<String, @Valid PipelineConfig> pipelines();
}
