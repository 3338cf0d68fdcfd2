package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/** Where a pipeline reads from. */
public interface SourceConfig {
  /** The source kind: {@code kafka}. */
  @WithDefault("kafka")
  @Pattern(regexp = "kafka", message = "must be kafka")
  String type();

  @Valid
  KafkaConfig kafka();
}
