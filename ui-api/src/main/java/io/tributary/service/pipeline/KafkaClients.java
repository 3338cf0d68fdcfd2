package io.tributary.service.pipeline;

import io.tributary.ingest.kafka.KafkaClientSettings;
import io.tributary.service.config.KafkaConfig;

/**
 * The one place a Kafka source's client settings come from: its consumer, the readiness probe and
 * every admin client are built from these, so a secured cluster (TLS, SASL/SCRAM, AWS MSK IAM) is
 * reached alike by each. A client built from {@code bootstrap-servers} alone would show a secured
 * cluster as down forever.
 */
public final class KafkaClients {
  private KafkaClients() {}

  /** {@code bootstrap-servers} and the pass-through {@code properties} of a Kafka source. */
  public static KafkaClientSettings settings(KafkaConfig config) {
    return new KafkaClientSettings(config.bootstrapServers(), config.properties());
  }
}
