package io.tributary.ingest.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The consumer configuration Tributary needs, with the user's properties layered on top. */
public final class KafkaConsumerProperties {
  private KafkaConsumerProperties() {}

  public static Map<String, Object> of(KafkaSourceSettings settings) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    // Offsets live in the tables; group offsets are written after each commit for lag monitoring.
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Reading must never create a topic (with the broker's default partition count) by accident.
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    properties.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        settings.startPosition() == KafkaSourceSettings.StartPosition.LATEST
            ? "latest"
            : "earliest");
    // The brokers and the user's properties (security among them), as every other client gets them.
    properties.putAll(settings.client().clientProperties());
    // The source hands out raw bytes; decoding errors must become dead letters, not poll failures.
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return properties;
  }
}
