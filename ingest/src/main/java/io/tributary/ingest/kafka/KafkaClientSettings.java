package io.tributary.ingest.kafka;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How to reach and authenticate to one Kafka cluster: the brokers and the user's pass-through
 * client properties ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...). Every Kafka
 * client of a pipeline (its consumer, the readiness probe, any admin client) is built from these,
 * so a secured cluster is reached the same way by each of them.
 *
 * @param properties passed to the clients as they are; they win over Tributary's defaults
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> properties) {
  /** Consumer settings an admin client does not know; passing them would only log warnings. */
  private static final Set<String> CONSUMER_ONLY = consumerOnly();

  public KafkaClientSettings {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are blank");
    }
  }

  /** The brokers and every pass-through property, the base of every client's configuration. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> client = new HashMap<>();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    client.putAll(properties);
    return client;
  }

  /**
   * The configuration of an admin client: {@link #clientProperties()} without the settings that
   * only a consumer knows (group, fetch and poll settings), then {@code overrides}.
   */
  public Map<String, Object> adminProperties(Map<String, Object> overrides) {
    Map<String, Object> admin = clientProperties();
    admin.keySet().removeAll(CONSUMER_ONLY);
    admin.putAll(overrides);
    return admin;
  }

  /** Pass-through values may hold passwords ({@code sasl.jaas.config}): only keys are shown. */
  @Override
  public String toString() {
    return "KafkaClientSettings[bootstrapServers="
        + bootstrapServers
        + ", properties="
        + properties.keySet()
        + "]";
  }

  private static Set<String> consumerOnly() {
    Set<String> names = new HashSet<>(ConsumerConfig.configNames());
    names.removeAll(AdminClientConfig.configNames());
    return Set.copyOf(names);
  }
}
