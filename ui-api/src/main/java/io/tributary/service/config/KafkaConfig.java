package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Kafka source. */
public interface KafkaConfig {
  /** Comma-separated {@code host:port} list. */
  @NotBlank
  String bootstrapServers();

  /** The topics to read; set this or {@code topic-pattern}. */
  Optional<List<String>> topics();

  /** A regular expression over topic names; set this or {@code topics}. */
  Optional<String> topicPattern();

  /** The consumer group; defaults to {@code tributary-<pipeline>}. */
  Optional<String> groupId();

  /**
   * Where partitions that no table has a position for start: {@code earliest} or {@code latest}.
   */
  @WithDefault("earliest")
  @Pattern(regexp = "earliest|latest", message = "must be earliest or latest")
  String startFrom();

  /** Pass-through Kafka consumer properties, for example {@code security.protocol}. */
  Map<String, String> properties();
}
