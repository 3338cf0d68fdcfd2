package io.tributary.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestSecretValues {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tributary.security.tokens[0].token",
        "tributary.security.users[1].password",
        "tributary.catalog.properties.s3.secret-access-key",
        "tributary.catalog.properties.\"s3.secret-access-key\"",
        "tributary.catalog.properties.rest.auth.oauth2.credential",
        "tributary.pipelines.orders.source.kafka.properties.sasl.jaas.config",
        "tributary.pipelines.orders.source.kafka.properties.ssl.key.password",
        "tributary.pipelines.orders.source.kafka.properties.ssl.keystore.key",
        "tributary.pipelines.orders.source.kafka.properties.basic.auth.user.info",
        "tributary.pipelines.orders.avro.registry-password",
        "TRIBUTARY_SECURITY_TOKENS_0__TOKEN",
        "TRIBUTARY_CATALOG_PROPERTIES__S3_SECRET_ACCESS_KEY_",
      })
  void secretKeysAreRecognisedByName(String name) {
    assertThat(SecretValues.isSecretProperty(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tributary.security.tokens[0].name",
        "tributary.security.tokens[0].role",
        "tributary.security.oidc.client-id",
        "tributary.catalog.properties.s3.access-key-id",
        "tributary.catalog.properties.uri",
        "tributary.pipelines.orders.source.kafka.properties.key.deserializer",
        "tributary.pipelines.orders.source.kafka.properties.security.protocol",
        "tributary.pipelines.orders.schema.redacted-fields",
        "TRIBUTARY_SECURITY_TOKENS_0__NAME",
        "quarkus.http.port",
        "quarkus.oidc.credentials.secret",
      })
  void otherKeysAreNot(String name) {
    assertThat(SecretValues.isSecretProperty(name)).isFalse();
  }

  @Test
  void secretsFromConfigurationAreMaskedWherever_theyAreQuoted() {
    Map<String, String> config =
        Map.of(
            "tributary.security.tokens[0].name", "alice",
            "tributary.security.tokens[0].token", "token-value-1234567890",
            "tributary.catalog.properties.s3.secret-access-key", "s3-secret-value",
            "tributary.pipelines.p.source.kafka.properties.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"svc\" password=\"jaas-password-value\";");
    SecretValues secrets = SecretValues.of(config.keySet(), name -> Optional.of(config.get(name)));

    assertThat(secrets.redact("alice sent token-value-1234567890 to s3-secret-value"))
        .isEqualTo("alice sent **** to ****");
    // The password inside a JAAS configuration is masked also where it is quoted alone.
    assertThat(secrets.redact("login failed for password jaas-password-value"))
        .isEqualTo("login failed for password ****");
    assertThat(secrets.redact("no secret here")).isEqualTo("no secret here");
    assertThat(secrets.quotesSecret("xx s3-secret-value xx")).isTrue();
    assertThat(secrets.quotesSecret("alice")).isFalse();
    assertThat(secrets.redact(null)).isNull();
  }

  @Test
  void longerSecretsAreMaskedBeforeTheirParts() {
    SecretValues secrets = SecretValues.ofValues(List.of("abcd", "abcdefgh"));

    assertThat(secrets.redact("[abcdefgh] [abcd]")).isEqualTo("[****] [****]");
  }

  @Test
  void veryShortValuesAreNotTreatedAsSecrets() {
    // Masking "ab" would mangle every log line; the configuration checks ask for long secrets.
    SecretValues secrets = SecretValues.ofValues(List.of("ab", ""));

    assertThat(secrets.size()).isZero();
    assertThat(secrets.redact("about")).isEqualTo("about");
  }
}
