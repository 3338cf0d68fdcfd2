package io.tributary.service.validation;

import io.tributary.ingest.kafka.KafkaConsumerCheck;
import io.tributary.ingest.kafka.KafkaSourceSettings;
import io.tributary.service.config.KafkaConfig;
import io.tributary.service.config.KinesisConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** A pipeline's source: Kafka or Kinesis, checked without reaching a broker or AWS. */
final class SourceRules {
  private static final Pattern HOST_PORT =
      Pattern.compile("(?:\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern APPLICATION_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,200}");

  private SourceRules() {}

  static void kafka(String key, String pipeline, KafkaConfig config, ConfigErrors errors) {
    String servers = config.bootstrapServers();
    for (String server : servers.split(",")) {
      if (!servers.isBlank() && !validHostPort(server.trim())) {
        errors.add(
            key + ".bootstrap-servers",
            "must be host:port[,host:port...] with ports 1-65535, was '" + servers + "'");
        break;
      }
    }
    List<String> topics = config.topics().orElse(List.of());
    if (!topics.isEmpty() && config.topicPattern().isPresent()) {
      errors.add(key, "set topics or topic-pattern, not both");
    }
    if (topics.isEmpty() && config.topicPattern().isEmpty()) {
      errors.add(key + ".topics", "set topics or topic-pattern");
    }
    for (int i = 0; i < topics.size(); i++) {
      String topic = topics.get(i);
      if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
        errors.add(
            key + ".topics[" + i + "]",
            "is not a legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249), was '"
                + topic
                + "'");
      }
    }
    config
        .topicPattern()
        .ifPresent(
            pattern -> {
              try {
                Pattern.compile(pattern);
              } catch (PatternSyntaxException e) {
                errors.add(
                    key + ".topic-pattern", "is not a regular expression: " + e.getDescription());
              }
            });
    consumerProperties(key, pipeline, config, errors);
  }

  /** The pass-through properties, parsed by Kafka's own consumer configuration. */
  private static void consumerProperties(
      String key, String pipeline, KafkaConfig config, ConfigErrors errors) {
    KafkaSourceSettings settings =
        new KafkaSourceSettings(
            config.bootstrapServers().isBlank() ? "missing:9092" : config.bootstrapServers(),
            List.of("checked"),
            Optional.empty(),
            config.groupId().orElse("tributary-" + pipeline),
            "latest".equals(config.startFrom())
                ? KafkaSourceSettings.StartPosition.LATEST
                : KafkaSourceSettings.StartPosition.EARLIEST,
            config.properties());
    Map<String, String> given = config.properties();
    KafkaConsumerCheck.problems(settings)
        .forEach(
            (property, message) -> {
              String where;
              if (property.equals(KafkaConsumerCheck.WHOLE)) {
                where = key + ".properties";
              } else if (given.containsKey(property)) {
                where = key + ".properties." + property;
              } else if (property.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                where = key + ".bootstrap-servers";
              } else if (property.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                where = key + ".group-id";
              } else {
                where = key + ".properties." + property;
              }
              errors.add(where, message);
            });
  }

  private static boolean validHostPort(String server) {
    var matcher = HOST_PORT.matcher(server);
    if (!matcher.matches()) {
      return false;
    }
    int port = Integer.parseInt(matcher.group(1));
    return port >= 1 && port <= 65_535;
  }

  static void kinesis(String key, String pipeline, KinesisConfig config, ConfigErrors errors) {
    boolean atTimestamp = "at-timestamp".equals(config.initialPosition());
    if (atTimestamp && config.atTimestamp().isEmpty()) {
      errors.add(key + ".at-timestamp", "required when initial-position is at-timestamp");
    }
    if (!atTimestamp && config.atTimestamp().isPresent()) {
      errors.add(key + ".at-timestamp", "only used when initial-position is at-timestamp");
    }
    config
        .atTimestamp()
        .ifPresent(
            timestamp -> {
              try {
                Instant.parse(timestamp);
              } catch (DateTimeParseException e) {
                errors.add(
                    key + ".at-timestamp",
                    "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was '"
                        + timestamp
                        + "'");
              }
            });
    config.endpoint().ifPresent(uri -> requireHttpUrl(key + ".endpoint", uri, errors));
    config
        .dynamodbEndpoint()
        .ifPresent(uri -> requireHttpUrl(key + ".dynamodb-endpoint", uri, errors));
    config
        .applicationName()
        .filter(name -> !APPLICATION_NAME.matcher(name).matches())
        .ifPresent(
            name ->
                errors.add(
                    key + ".application-name",
                    "must be 3-200 letters, digits, '_', '.' or '-' (it names a DynamoDB table),"
                        + " was '"
                        + name
                        + "'"));
  }

  /** URLs are not quoted back: one may carry credentials in its user part. */
  static void requireHttpUrl(String key, String text, ConfigErrors errors) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    errors.add(key, "must be an http or https URL with a host");
  }
}
