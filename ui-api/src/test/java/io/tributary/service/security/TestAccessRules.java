package io.tributary.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.service.config.SecurityConfig.SecurityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TestAccessRules {
  private final AccessRules token = new AccessRules(SecurityMode.TOKEN, false);

  @ParameterizedTest
  @CsvSource({
    "/q/health, GET, OPEN",
    "/q/health/ready, GET, OPEN",
    "/q/health/live, HEAD, OPEN",
    "/q/metrics, GET, OPEN",
    "/, GET, OPEN",
    "/index.html, GET, OPEN",
    "/app.js, GET, OPEN",
    "/api/v1/pipelines, GET, VIEWER",
    "/api/v1/pipelines/orders/dead-letters, GET, VIEWER",
    "/api/v1/session, GET, VIEWER",
    "/q/openapi, GET, VIEWER",
    "/q/swagger-ui/, GET, VIEWER",
    "/anything-else, GET, VIEWER",
    "/api/v1/pipelines/orders/dead-letters/replay, POST, OPERATOR",
    "/api/v1/pipelines, DELETE, OPERATOR",
    "/api/v1/pipelines, PUT, OPERATOR",
    "/api/v1/pipelines, PATCH, OPERATOR",
    "/api/v1/pipelines, OPTIONS, OPERATOR",
    "/q/health/ready, POST, OPERATOR",
  })
  void tokenMode(String path, String method, Access access) {
    assertThat(token.access(path, method)).isEqualTo(access);
  }

  @Test
  void metricsCanRequireCredentials() {
    assertThat(new AccessRules(SecurityMode.TOKEN, true).access("/q/metrics", "GET"))
        .isEqualTo(Access.VIEWER);
    assertThat(new AccessRules(SecurityMode.OIDC, true).access("/q/health/ready", "GET"))
        .isEqualTo(Access.OPEN);
  }

  @Test
  void withBasicAuthenticationThePageItselfAsksForCredentials() {
    AccessRules basic = new AccessRules(SecurityMode.BASIC, false);

    assertThat(basic.access("/", "GET")).isEqualTo(Access.VIEWER);
    assertThat(basic.access("/app.js", "GET")).isEqualTo(Access.VIEWER);
    assertThat(basic.access("/q/health/ready", "GET")).isEqualTo(Access.OPEN);
  }

  @ParameterizedTest
  @EnumSource(
      names = {"GET", "POST"},
      value = Method.class)
  void noneOpensEverything(Method method) {
    AccessRules none = new AccessRules(SecurityMode.NONE, true);

    assertThat(none.access("/api/v1/pipelines", method.name())).isEqualTo(Access.OPEN);
    assertThat(none.access("/q/metrics", method.name())).isEqualTo(Access.OPEN);
  }

  enum Method {
    GET,
    POST
  }
}
