package io.tributary.service.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Transform steps as configured: each mistake is one error naming its key, all listed at once. */
class TestTransformValidation {
  private static final String KEY = "tributary.pipelines.orders.transforms";
  private static final String SECRET = "a-secret-of-more-than-16-bytes";

  private static String yaml(String steps) {
    return """
        tributary:
          security: {mode: none}
          catalog:
            warehouse: s3://lake/warehouse
            properties: {uri: "thrift://127.0.0.1:9083", s3.access-key-id: tributary, \
        s3.secret-access-key: s3-secret}
          pipelines:
            orders:
              source: {kafka: {bootstrap-servers: "127.0.0.1:9092", topics: [orders]}}
              route: {table: raw.orders}
              transforms:
        %s
        """
        .formatted(steps.indent(8).stripTrailing());
  }

  private static List<ConfigError> check(String steps) {
    return ConfigurationCheck.check(ConfigurationSources.ofYaml(yaml(steps)));
  }

  @Test
  void aRealisticChainIsValid() {
    assertThat(
            check(
                """
                - {type: mask, fields: [customer.email, cards.number], method: hash, \
                hmac-secret: "%s"}
                - {type: mask, fields: [phone], method: keep-last, keep: 4}
                - {type: mask, fields: [notes], method: redact}
                - {type: drop, fields: [debug]}
                - {type: rename, from: customer.mail, to: email}
                - {type: flatten, field: device, depth: 2}
                - {type: timestamp, field: created, format: "dd/MM/yyyy HH:mm", zone: Europe/Paris}
                - {type: filter, expression: "country == 'NL' && !has(record.test)"}
                - {type: derive, field: email_domain, expression: "email.split('@')[1].lowerAscii()"}
                - {type: user-agent, field: headers.user_agent, target: agent}
                """
                    .formatted(SECRET)))
        .isEmpty();
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "- {type: hash, fields: [a]}",
            "[0].type",
            "must be one of derive, drop, filter, flatten"),
        Arguments.of("- {type: filter}", "[0].expression", "is required: a CEL expression"),
        Arguments.of(
            "- {type: filter, expression: \"country ==\"}",
            "[0].expression",
            "is not a CEL expression: ERROR: <input>:1:11"),
        Arguments.of(
            "- {type: filter, expression: \"size(1, 2)\"}",
            "[0].expression",
            "is not a valid CEL expression"),
        Arguments.of(
            "- {type: filter, expression: \"true\", field: x}",
            "[0].field",
            "is not used by a filter step"),
        Arguments.of("- {type: derive, expression: \"1\"}", "[0].field", "is required"),
        Arguments.of("- {type: user-agent}", "[0].field", "is required"),
        Arguments.of("- {type: user-agent, field: ua, target: a.b}", "[0].target", "without dots"),
        Arguments.of("- {type: geoip, field: ip}", "[0].database", "is required"),
        Arguments.of(
            "- {type: geoip, field: ip, database: /nonexistent/GeoLite2-City.mmdb}",
            "[0].database",
            "no such MaxMind database file: /nonexistent/GeoLite2-City.mmdb"),
        Arguments.of(
            "- {type: derive, field: a.b, expression: \"1\"}", "[0].field", "without dots"),
        Arguments.of("- {type: mask, fields: [a]}", "[0].method", "is required: hash, redact"),
        Arguments.of(
            "- {type: mask, fields: [a], method: scramble}",
            "[0].method",
            "must be hash, redact or keep-last, was 'scramble'"),
        Arguments.of(
            "- {type: mask, fields: [a], method: hash}",
            "[0].hmac-secret",
            "is required with method hash"),
        Arguments.of(
            "- {type: mask, fields: [a], method: hash, hmac-secret: short-secret}",
            "[0].hmac-secret",
            "must have at least 16 bytes"),
        Arguments.of(
            "- {type: mask, fields: [a], method: keep-last}",
            "[0].keep",
            "is required with method keep-last"),
        Arguments.of(
            "- {type: mask, fields: [a], method: keep-last, keep: 0}",
            "[0].keep",
            "must be at least 1, was 0"),
        Arguments.of(
            "- {type: mask, fields: [a], method: redact, keep: 3}",
            "[0].keep",
            "is not used with this method"),
        Arguments.of("- {type: mask, method: redact}", "[0].fields", "is required"),
        Arguments.of("- {type: drop, fields: [\"a..b\"]}", "[0].fields[0]", "has an empty name"),
        Arguments.of("- {type: drop, fields: [a], depth: 2}", "[0].depth", "is not used by a drop"),
        Arguments.of("- {type: rename, to: b}", "[0].from", "is required"),
        Arguments.of("- {type: rename, from: a, to: b.c}", "[0].to", "without dots"),
        Arguments.of("- {type: flatten, depth: 0}", "[0].depth", "must be at least 1, was 0"),
        Arguments.of("- {type: timestamp, format: iso-8601}", "[0].field", "is required"),
        Arguments.of("- {type: timestamp, field: ts}", "[0].format", "is required"),
        Arguments.of(
            "- {type: timestamp, field: ts, format: \"yyyy bb\"}",
            "[0].format",
            "is neither iso-8601"),
        Arguments.of(
            "- {type: timestamp, field: ts, format: iso-8601, zone: Mars/Olympus}",
            "[0].zone",
            "is not a time zone"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("mistakes")
  void eachMistakeIsOneErrorNamingItsKey(String steps, String key, String message) {
    List<ConfigError> errors = check(steps);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).key()).isEqualTo(KEY + key);
    assertThat(errors.get(0).message()).contains(message);
  }

  @Test
  void everyMistakeOfEveryStepAndTableIsListedAndNoSecretIsPrinted() {
    String yaml =
        yaml(
                """
                - {type: mask, fields: [a], method: hash, hmac-secret: short-secret}
                - {type: drop}
                - {type: timestamp, field: ts, format: "yyyy bb", zone: Nowhere/Else}
                - {type: filter, expression: "a &&"}
                """)
            + """
                  tables:
                    overrides:
                      - table: raw.orders
                        transforms:
                          - {type: flatten, field: "a..b"}
                  dead-letter: {keep-raw-with-masking: true}
            """;

    List<ConfigError> errors = ConfigurationCheck.check(ConfigurationSources.ofYaml(yaml));

    assertThat(errors)
        .extracting(ConfigError::key)
        .containsExactly(
            "tributary.pipelines.orders.tables.overrides[0].transforms[0].field",
            KEY + "[0].hmac-secret",
            KEY + "[1].fields",
            KEY + "[2].format",
            KEY + "[2].zone",
            KEY + "[3].expression");
    assertThat(ConfigurationCheck.report(errors)).doesNotContain("short-secret");
  }
}
