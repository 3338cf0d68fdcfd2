package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/** One stream flowing into tables. */
public interface PipelineConfig {
  @Valid
  SourceConfig source();

  /** How record values are encoded: {@code json} or {@code avro}. */
  @WithDefault("json")
  @Pattern(regexp = "json|avro", message = "must be json or avro")
  String format();

  /** For {@code format: avro}: where writer schemas come from. */
  Optional<AvroConfig> avro();

  @Valid
  RouteConfig route();

  @Valid
  TablesConfig tables();

  /**
   * Steps every routed record goes through, in order, before its table's own steps and before
   * schema placement.
   */
  Optional<List<TransformConfig>> transforms();

  /** How table schemas are inferred and evolved. */
  @Valid
  SchemaConfig schema();

  @Valid
  CommitConfig commit();

  @Valid
  DeadLetterConfig deadLetter();
}
