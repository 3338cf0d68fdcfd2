package io.tributary.service.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken configurations, one error each and all together, checked without starting Quarkus. */
class TestConfigurationCheck {
  private static final String PIPELINE = "tributary.pipelines.orders.";
  private static final String KAFKA = PIPELINE + "source.kafka.";
  private static final String JAAS_PASSWORD = "hunter2-marker-7f3a";
  private static final String S3_SECRET = "s3-secret-marker-91c2";

  private static final Map<String, String> VALID =
      Map.of(
          "tributary.catalog.type",
          "hive",
          "tributary.catalog.warehouse",
          "s3://lake/warehouse",
          "tributary.catalog.properties.uri",
          "thrift://127.0.0.1:9083",
          "tributary.catalog.properties.s3.access-key-id",
          "tributary",
          "tributary.catalog.properties.s3.secret-access-key",
          S3_SECRET,
          KAFKA + "bootstrap-servers",
          "127.0.0.1:9092",
          KAFKA + "topics",
          "orders",
          PIPELINE + "route.table",
          "raw.orders",
          "tributary.security.mode",
          "none");

  /** A change to the valid configuration and the one error it must cause. */
  record Broken(
      String name,
      Map<String, String> set,
      Set<String> removed,
      String key,
      String message,
      boolean together) {
    Broken and(String key, String value) {
      Map<String, String> more = new HashMap<>(set);
      more.put(key, value);
      return new Broken(name, more, removed, this.key, message, together);
    }

    Broken expect(String key, String message) {
      return new Broken(name, set, removed, key, message, together);
    }

    /** Changes the shape of the pipeline, so it cannot be combined with the other cases. */
    Broken alone() {
      return new Broken(name, set, removed, key, message, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Broken> broken() {
    return Stream.of(
        broken("malformed table name", PIPELINE + "route.table", "Raw-Orders")
            .expect(PIPELINE + "route.table", "must be namespace.table"),
        broken("negative commit interval", PIPELINE + "commit.interval", "-5s")
            .expect(PIPELINE + "commit.interval", "must be positive, was -5s"),
        broken("unreadable duration", "tributary.maintenance.cold-after", "soon")
            .expect("tributary.maintenance.cold-after", "must be a duration"),
        broken("zero maintenance interval", "tributary.maintenance.interval", "0s")
            .expect("tributary.maintenance.interval", "must be positive, was 0s"),
        broken("unreadable byte size", PIPELINE + "commit.max-buffered-bytes", "lots")
            .expect(PIPELINE + "commit.max-buffered-bytes", "Invalid size 'lots'"),
        broken("zero byte size", PIPELINE + "commit.max-record-bytes", "0MB")
            .expect(PIPELINE + "commit.max-record-bytes", "size must be positive"),
        broken("unreadable number", PIPELINE + "schema.max-depth", "deep")
            .expect(PIPELINE + "schema.max-depth", "must be a whole number, was 'deep'"),
        broken("number below its minimum", PIPELINE + "schema.max-columns", "0")
            .expect(PIPELINE + "schema.max-columns", "must be greater than or equal to 1"),
        broken("type evidence below a majority", PIPELINE + "schema.type-evidence-percent", "40")
            .expect(
                PIPELINE + "schema.type-evidence-percent", "must be greater than or equal to 50"),
        broken("unknown key", PIPELINE + "comit.interval", "5s")
            .expect(PIPELINE + "comit.interval", "is not a known key; did you mean 'commit'?"),
        removed("missing warehouse", "tributary.catalog.warehouse")
            .expect("tributary.catalog.warehouse", "is required and not set"),
        broken("unknown catalog type", "tributary.catalog.type", "nessie")
            .expect("tributary.catalog.type", "must be one of hive, glue, rest")
            .alone(),
        removed("hive catalog without uri", "tributary.catalog.properties.uri")
            .expect("tributary.catalog.properties.uri", "required for this catalog type"),
        broken("warehouse without scheme", "tributary.catalog.warehouse", "lake/warehouse")
            .expect("tributary.catalog.warehouse", "must be a location with a scheme"),
        removed("S3 access key without secret", "tributary.catalog.properties.s3.secret-access-key")
            .expect(
                "tributary.catalog.properties.s3.secret-access-key",
                "required when s3.access-key-id is set"),
        broken(
                "unknown partition transform",
                PIPELINE + "tables.defaults.partition-by",
                "weekly(ts)")
            .expect(PIPELINE + "tables.defaults.partition-by[0]", "Unknown transform 'weekly'"),
        broken("bucket without width", PIPELINE + "tables.overrides[0].table", "raw.orders")
            .and(PIPELINE + "tables.overrides[0].partition-by", "bucket(id)")
            .expect(PIPELINE + "tables.overrides[0].partition-by[0]", "needs a width"),
        broken("unknown hint", PIPELINE + "schema.hints.ts", "timestamp-ish")
            .expect(PIPELINE + "schema.hints.ts", "timestamp-ish"),
        broken("route by table and by field", PIPELINE + "route.field", "kind")
            .expect(PIPELINE + "route", "not both")
            .alone(),
        removed("rule without equals or matches", PIPELINE + "route.table")
            .and(PIPELINE + "route.field", "kind")
            .and(PIPELINE + "route.rules[0].table", "raw.kinds")
            .expect(PIPELINE + "route.rules[0]", "needs exactly one of 'equals' and 'matches'")
            .alone(),
        broken("dead-letter table is a route target", PIPELINE + "dead-letter.table", "raw.orders")
            .and(PIPELINE + "route.table", "raw.orders")
            .expect(PIPELINE + "dead-letter.table", "must not also be a route target"),
        broken("bootstrap servers without port", KAFKA + "bootstrap-servers", "localhost")
            .expect(KAFKA + "bootstrap-servers", "must be host:port"),
        removed("bad topic pattern", KAFKA + "topics")
            .and(KAFKA + "topic-pattern", "(")
            .expect(KAFKA + "topic-pattern", "is not a regular expression"),
        broken("bad consumer property", KAFKA + "properties.fetch.min.bytes", "lots")
            .expect(KAFKA + "properties.fetch.min.bytes", "Invalid value lots"),
        broken(
                "bad JAAS configuration",
                KAFKA + "properties.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"tributary\" password=\""
                    + JAAS_PASSWORD
                    + "\"")
            .expect(KAFKA + "properties.sasl.jaas.config", "not terminated by semi-colon"),
        broken("avro without schema source", PIPELINE + "format", "avro")
            .expect(PIPELINE + "avro", "needs exactly one of avro.registry-url"),
        broken("kinesis at-timestamp without timestamp", PIPELINE + "source.type", "kinesis")
            .and(PIPELINE + "source.kinesis.stream", "clicks")
            .and(PIPELINE + "source.kinesis.region", "eu-west-1")
            .and(PIPELINE + "source.kinesis.initial-position", "at-timestamp")
            .expect(
                PIPELINE + "source.kinesis.at-timestamp",
                "required when initial-position is at-timestamp")
            .alone());
  }

  @Test
  void theValidConfigurationHasNoError() {
    assertThat(check(VALID)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void eachBrokenKeyIsOneErrorNamingIt(Broken broken) {
    List<ConfigError> errors = check(apply(VALID, List.of(broken)));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).key()).isEqualTo(broken.key());
    assertThat(errors.get(0).message()).contains(broken.message());
  }

  @Test
  void everyErrorIsListedAtOnce() {
    List<Broken> together = together();
    List<ConfigError> errors = check(apply(VALID, together));

    assertThat(together).hasSizeGreaterThanOrEqualTo(20);
    for (Broken broken : together) {
      assertThat(errors)
          .as(broken.name())
          .anySatisfy(
              error -> {
                assertThat(error.key()).isEqualTo(broken.key());
                assertThat(error.message()).contains(broken.message());
              });
    }
    assertThat(errors).hasSize(together.size());
  }

  @Test
  void noSecretIsEverPrinted() {
    Map<String, String> properties = apply(VALID, together());
    properties.put("tributary.catalog.properties.s3.session-token", "token-marker-5e1d");
    properties.remove("tributary.catalog.properties.s3.access-key-id");

    String report = ConfigurationCheck.report(check(properties));

    assertThat(report)
        .contains("sasl.jaas.config", "s3.access-key-id")
        .doesNotContain(JAAS_PASSWORD, S3_SECRET, "token-marker-5e1d");
  }

  @Test
  void aSecretQuotedByALibraryMessageIsMasked() {
    Set<String> secrets = Secrets.parts("required password=\"" + JAAS_PASSWORD + "\";");

    assertThat(Secrets.mask("Invalid value " + JAAS_PASSWORD + " for x", secrets))
        .isEqualTo("Invalid value **** for x");
    assertThat(Secrets.isSecret(KAFKA + "properties.sasl.jaas.config")).isTrue();
    assertThat(Secrets.isSecret("tributary.catalog.properties.s3.secret-access-key")).isTrue();
    assertThat(Secrets.isSecret(KAFKA + "properties.fetch.min.bytes")).isFalse();
  }

  @Test
  void yamlListsAndQuotedKeysAreCheckedToo() {
    String yaml =
        """
        tributary:
          security: {mode: none}
          catalog:
            warehouse: s3://lake/warehouse
            properties: {uri: "thrift://127.0.0.1:9083", s3.access-key-id: tributary}
          pipelines:
            orders:
              source: {kafka: {bootstrap-servers: "127.0.0.1:9092", topics: [orders, "bad topic"]}}
              route: {field: kind, rules: [{matches: "(", table: raw.orders}, {table: Raw}]}
              tables: {defaults: {partition-by: ["day(ts)", "weekly(ts)"]}}
              commit: {interval: -5s}
        """;

    List<ConfigError> errors = ConfigurationCheck.check(ConfigurationSources.ofYaml(yaml));

    assertThat(errors)
        .extracting(ConfigError::key)
        .containsExactlyInAnyOrder(
            "tributary.catalog.properties.s3.secret-access-key",
            KAFKA + "topics[1]",
            PIPELINE + "route.rules[0].matches",
            PIPELINE + "route.rules[1]",
            PIPELINE + "route.rules[1].table",
            PIPELINE + "tables.defaults.partition-by[1]",
            PIPELINE + "commit.interval");
  }

  @Test
  void environmentVariablesOfOtherToolsAreNotUnknownKeys() {
    String yaml =
        """
        tributary:
          security: {mode: none}
          catalog: {warehouse: s3://lake/warehouse, properties: {uri: "thrift://127.0.0.1:9083"}}
          pipelines:
            orders:
              source: {kafka: {bootstrap-servers: "127.0.0.1:9092", topics: [orders]}}
              route: {table: raw.orders}
              comit: {interval: 5s}
        """;

    List<ConfigError> errors =
        ConfigurationCheck.check(
            ConfigurationSources.ofYaml(
                yaml,
                Map.of(
                    "TRIBUTARY_APP_DIR", "/deployments",
                    "TRIBUTARY_CONFIG_FILE", "/tmp/tributary/tributary.yaml")));

    // The image's own variables pass; a misspelt key in the file is still caught.
    assertThat(errors).extracting(ConfigError::key).containsExactly(PIPELINE + "comit.interval");
  }

  /** The cases that can share one file: each changes and expects keys no earlier one touched. */
  private static List<Broken> together() {
    List<Broken> together = new java.util.ArrayList<>();
    Set<String> touched = new java.util.HashSet<>();
    broken()
        .filter(Broken::together)
        .forEach(
            broken -> {
              Set<String> keys = new java.util.HashSet<>(broken.set().keySet());
              keys.addAll(broken.removed());
              keys.add(broken.key());
              if (keys.stream().noneMatch(touched::contains)) {
                together.add(broken);
                touched.addAll(keys);
              }
            });
    return together;
  }

  private static List<ConfigError> check(Map<String, String> properties) {
    return ConfigurationCheck.check(ConfigurationSources.ofProperties(properties));
  }

  private static Map<String, String> apply(Map<String, String> valid, List<Broken> changes) {
    Map<String, String> properties = new HashMap<>(valid);
    for (Broken broken : changes) {
      broken.removed().forEach(properties::remove);
      properties.putAll(broken.set());
    }
    return properties;
  }

  private static Broken broken(String name, String key, String value) {
    return new Broken(name, Map.of(key, value), Set.of(), "", "", true);
  }

  private static Broken removed(String name, String key) {
    return new Broken(name, Map.of(), Set.of(key), "", "", true);
  }
}
