package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/** Where a pipeline reads from. */
public interface SourceConfig {
  /** The source kind: {@code kafka} or {@code kinesis}; its settings sit under that key. */
  @WithDefault("kafka")
  @Pattern(regexp = "kafka|kinesis", message = "must be kafka or kinesis")
  String type();

  Optional<@Valid KafkaConfig> kafka();

  Optional<@Valid KinesisConfig> kinesis();
}
