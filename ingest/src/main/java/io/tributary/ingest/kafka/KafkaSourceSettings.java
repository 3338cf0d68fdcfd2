package io.tributary.ingest.kafka;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a pipeline reads Kafka: the brokers, topics (a list or a regex), the consumer group and
 * pass-through consumer properties, which win over the defaults Tributary sets.
 */
public record KafkaSourceSettings(
    String bootstrapServers,
    List<String> topics,
    Optional<Pattern> topicPattern,
    String groupId,
    StartPosition startPosition,
    Map<String, String> consumerProperties) {
  public KafkaSourceSettings {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    topics = List.copyOf(requireNonNull(topics, "topics is null"));
    requireNonNull(topicPattern, "topicPattern is null");
    requireNonNull(groupId, "groupId is null");
    requireNonNull(startPosition, "startPosition is null");
    consumerProperties =
        Map.copyOf(requireNonNull(consumerProperties, "consumerProperties is null"));
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are blank");
    }
    if (topics.isEmpty() == topicPattern.isEmpty()) {
      throw new IllegalArgumentException("configure either topics or a topic pattern, not both");
    }
  }

  /** The brokers and client properties, shared by the consumer and every other client. */
  public KafkaClientSettings client() {
    return new KafkaClientSettings(bootstrapServers, consumerProperties);
  }

  /** Pass-through values may hold passwords ({@code sasl.jaas.config}): only keys are shown. */
  @Override
  public String toString() {
    return "KafkaSourceSettings[bootstrapServers="
        + bootstrapServers
        + ", topics="
        + topics
        + ", topicPattern="
        + topicPattern
        + ", groupId="
        + groupId
        + ", startPosition="
        + startPosition
        + ", consumerProperties="
        + consumerProperties.keySet()
        + "]";
  }

  /** Where a partition without any committed table position starts. */
  public enum StartPosition {
    EARLIEST,
    LATEST
  }
}
