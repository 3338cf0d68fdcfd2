package io.tributary.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.service.config.SecurityConfig.SecurityMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TestStaticCredentialsMechanism {
  @Test
  void tokenModeReadsBearerTokens() {
    StaticCredentials credentials =
        StaticCredentialsMechanism.parse(SecurityMode.TOKEN, "Bearer abc-def").orElseThrow();

    assertThat(credentials.user()).isEmpty();
    assertThat(credentials.secret()).isEqualTo("abc-def");
    assertThat(credentials.toString()).doesNotContain("abc-def");
    assertThat(StaticCredentialsMechanism.parse(SecurityMode.TOKEN, "bearer  xyz"))
        .hasValueSatisfying(parsed -> assertThat(parsed.secret()).isEqualTo("xyz"));
    assertThat(StaticCredentialsMechanism.parse(SecurityMode.TOKEN, "Basic " + basic("a:b")))
        .isEmpty();
    assertThat(StaticCredentialsMechanism.parse(SecurityMode.TOKEN, "Bearer")).isEmpty();
  }

  @Test
  void basicModeReadsUserAndPassword() {
    StaticCredentials credentials =
        StaticCredentialsMechanism.parse(SecurityMode.BASIC, "Basic " + basic("ann:pa:ss"))
            .orElseThrow();

    assertThat(credentials.user()).hasValue("ann");
    assertThat(credentials.secret()).isEqualTo("pa:ss");
    assertThat(credentials.toString()).doesNotContain("pa:ss");
    assertThat(StaticCredentialsMechanism.parse(SecurityMode.BASIC, "Basic %%%")).isEmpty();
    assertThat(StaticCredentialsMechanism.parse(SecurityMode.BASIC, "Basic " + basic("nocolon")))
        .isEmpty();
    assertThat(StaticCredentialsMechanism.parse(SecurityMode.BASIC, "Bearer abc")).isEmpty();
  }

  private static String basic(String userAndPassword) {
    return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }
}
