package io.tributary.service.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.kafka.KafkaConsumerProperties;
import io.tributary.ingest.kafka.KafkaSourceSettings;
import io.tributary.service.config.KafkaConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** The consumer and every other client get a source's security settings exactly as written. */
class TestKafkaClients {
  private static final Map<String, String> MSK_IAM =
      Map.of(
          "security.protocol", "SASL_SSL",
          "sasl.mechanism", "AWS_MSK_IAM",
          "sasl.jaas.config",
              "software.amazon.msk.auth.iam.IAMLoginModule required"
                  + " awsRoleArn=\"arn:aws:iam::123456789012:role/tributary\";",
          "sasl.client.callback.handler.class",
              "software.amazon.msk.auth.iam.IAMClientCallbackHandler");

  @Test
  void mskIamSettingsReachTheConsumerAndAdminClientsUnchanged() {
    KafkaConfig config = new FixedKafkaConfig("b-1.msk.example:9098", withPollSize(MSK_IAM));

    KafkaSourceSettings source = PipelineSettingsMapper.kafka("orders", config);
    Map<String, Object> consumer = KafkaConsumerProperties.of(source);
    Map<String, Object> admin = KafkaClients.settings(config).adminProperties(Map.of());

    assertThat(consumer).containsAllEntriesOf(MSK_IAM);
    assertThat(consumer)
        .containsEntry("bootstrap.servers", "b-1.msk.example:9098")
        .containsEntry("max.poll.records", "50")
        .containsEntry("group.id", "tributary-orders");
    assertThat(admin)
        .containsAllEntriesOf(MSK_IAM)
        .containsEntry("bootstrap.servers", "b-1.msk.example:9098")
        // Consumer-only settings would make every admin client log a warning.
        .doesNotContainKey("max.poll.records");
    assertThat(source.toString()).doesNotContain("awsRoleArn");
  }

  @Test
  void theMskIamCallbackHandlerLoadsAndAConsumerIsBuiltWithIt() throws Exception {
    Class<?> handler = Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    assertThat(AuthenticateCallbackHandler.class).isAssignableFrom(handler);
    Class.forName("software.amazon.msk.auth.iam.IAMLoginModule");

    KafkaConfig config = new FixedKafkaConfig("127.0.0.1:1", MSK_IAM);
    Map<String, Object> properties =
        KafkaConsumerProperties.of(PipelineSettingsMapper.kafka("orders", config));
    // Building a consumer configures the login module and the callback handler; it connects to
    // nothing until it polls.
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      assertThat(consumer.subscription()).isEmpty();
    }
  }

  private static Map<String, String> withPollSize(Map<String, String> properties) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put("max.poll.records", "50");
    return all;
  }

  /** A Kafka source as the YAML mapping gives it. */
  private record FixedKafkaConfig(String bootstrapServers, Map<String, String> properties)
      implements KafkaConfig {
    @Override
    public Optional<List<String>> topics() {
      return Optional.of(List.of("orders"));
    }

    @Override
    public Optional<String> topicPattern() {
      return Optional.empty();
    }

    @Override
    public Optional<String> groupId() {
      return Optional.empty();
    }

    @Override
    public String startFrom() {
      return "earliest";
    }
  }
}
