package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/** One stream flowing into tables. */
public interface PipelineConfig {
  @Valid
  SourceConfig source();

  /** How record values are encoded: {@code json}. */
  @WithDefault("json")
  @Pattern(regexp = "json", message = "must be json (avro arrives with schema inference)")
  String format();

  @Valid
  RouteConfig route();

  @Valid
  TablesConfig tables();

  /** How table schemas are inferred and evolved. */
  @Valid
  SchemaConfig schema();

  @Valid
  CommitConfig commit();

  @Valid
  DeadLetterConfig deadLetter();
}
