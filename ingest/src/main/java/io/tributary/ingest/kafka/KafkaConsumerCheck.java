package io.tributary.ingest.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Checks a source's consumer properties the way the Kafka client parses them when a consumer is
 * created, without creating one: nothing connects, resolves a host or loads a login module.
 */
public final class KafkaConsumerCheck {
  /** The key of a problem that the client reports about the properties as a whole. */
  public static final String WHOLE = "";

  private KafkaConsumerCheck() {}

  /**
   * Problems by consumer property name ({@link #WHOLE} for the combination). Messages are Kafka's
   * own and may quote a value; callers decide what they may show.
   */
  public static Map<String, String> problems(KafkaSourceSettings settings) {
    Map<String, Object> properties = KafkaConsumerProperties.of(settings);
    Map<String, String> text = new HashMap<>();
    properties.forEach(
        (name, value) ->
            text.put(
                name, value instanceof Class<?> type ? type.getName() : String.valueOf(value)));
    Map<String, String> problems = new TreeMap<>();
    // Each property on its own, so that every bad one is listed, not only the first.
    ConsumerConfig.configDef()
        .validateAll(text)
        .forEach(
            (name, value) -> {
              if (!value.errorMessages().isEmpty()) {
                // The first message says why; later ones repeat the failure differently.
                problems.put(name, value.errorMessages().get(0));
              }
            });
    if (problems.isEmpty()) {
      // Then the rules over several properties, which the consumer checks as it is configured.
      try {
        new QuietConsumerConfig(properties);
      } catch (ConfigException e) {
        problems.put(WHOLE, e.getMessage());
      }
    }
    String jaas = settings.consumerProperties().get(SaslConfigs.SASL_JAAS_CONFIG);
    if (jaas != null && !problems.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
      try {
        JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
      } catch (IllegalArgumentException e) {
        problems.put(SaslConfigs.SASL_JAAS_CONFIG, e.getMessage());
      }
    }
    return problems;
  }

  /** Parses without logging every value, as a consumer's own configuration does. */
  private static final class QuietConsumerConfig extends ConsumerConfig {
    QuietConsumerConfig(Map<String, Object> properties) {
      super(properties, false);
    }
  }
}
