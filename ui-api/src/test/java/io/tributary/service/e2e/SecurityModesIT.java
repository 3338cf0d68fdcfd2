package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The modes of {@code tributary.security} other than static tokens (which every other test uses),
 * each with the packaged service on the real stack: OIDC against a local fake provider (roles from
 * a configurable claim path, foreign signatures refused), basic authentication, {@code none} (and
 * its warning), and a configuration that names no mode, which must not start.
 */
class SecurityModesIT {
  @Test
  void oidcBearerTokensWithRolesFromAClaimPath() throws Exception {
    try (FakeOidcProvider provider = FakeOidcProvider.start()) {
      String config =
          withSecurity(
              """
                security:
                  mode: oidc
                  oidc:
                    auth-server-url: %s
                    client-id: tributary
                    role-claim-path: realm_access/roles
              """
                  .formatted(provider.issuer()));
      try (ServiceProcess service = ServiceProcess.start("security-oidc", config).awaitStarted()) {
        String viewer =
            provider.token("ann", "\"realm_access\":{\"roles\":[\"viewer\",\"offline_access\"]}");
        String operator = provider.token("otto", "\"realm_access\":{\"roles\":[\"operator\"]}");

        HttpResponse<String> anonymous = service.send("GET", "/api/v1/session", Optional.empty());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        HttpResponse<String> session = service.send("GET", "/api/v1/session", Optional.of(viewer));
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body())
            .contains("\"mode\":\"oidc\"", "\"user\":\"ann\"", "\"roles\":[\"viewer\"]")
            .contains("\"payloadsVisible\":false");
        assertThat(service.send("POST", "/api/v1/pipelines", Optional.of(viewer)).statusCode())
            .isEqualTo(403);
        assertThat(service.send("GET", "/api/v1/session", Optional.of(operator)).body())
            .contains("\"roles\":[\"operator\"]", "\"payloadsVisible\":true");
        assertThat(service.send("POST", "/api/v1/pipelines", Optional.of(operator)).statusCode())
            .isEqualTo(405);
        String stranger =
            provider.tokenFromAStranger("eve", "\"realm_access\":{\"roles\":[\"operator\"]}");
        assertThat(service.send("GET", "/api/v1/pipelines", Optional.of(stranger)).statusCode())
            .isEqualTo(401);
        assertThat(service.send("GET", "/q/health/live", Optional.empty()).statusCode())
            .isEqualTo(200);
        assertThat(service.logText())
            .contains("OpenID Connect bearer tokens from " + provider.issuer());
      }
    }
  }

  @Test
  void basicAuthenticationCoversThePageToo() throws Exception {
    String config =
        withSecurity(
            """
              security:
                mode: basic
                users:
                  - {name: ann, password: ann-password-1, role: viewer}
                  - {name: otto, password: otto-password-1, role: operator}
            """);
    try (ServiceProcess service = ServiceProcess.start("security-basic", config).awaitStarted()) {
      HttpResponse<String> page = service.send("GET", "/", Optional.empty());
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"tributary\", charset=\"UTF-8\"");
      assertThat(service.sendAuthorized("GET", "/", basic("ann", "ann-password-1")).statusCode())
          .isEqualTo(200);
      assertThat(
              service
                  .sendAuthorized("GET", "/api/v1/session", basic("ann", "ann-password-1"))
                  .body())
          .contains("\"user\":\"ann\"", "\"roles\":[\"viewer\"]");
      assertThat(
              service
                  .sendAuthorized("GET", "/api/v1/pipelines", basic("ann", "otto-password-1"))
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              service
                  .sendAuthorized("POST", "/api/v1/pipelines", basic("ann", "ann-password-1"))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              service
                  .sendAuthorized("POST", "/api/v1/pipelines", basic("otto", "otto-password-1"))
                  .statusCode())
          .isEqualTo(405);
      // A bearer token means nothing in basic mode.
      assertThat(
              service.send("GET", "/api/v1/pipelines", Optional.of("otto-password-1")).statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void noneOpensEverythingAndSaysSoLoudly() throws Exception {
    String config = withSecurity("  security: {mode: none}\n");
    try (ServiceProcess service = ServiceProcess.start("security-none", config).awaitStarted()) {
      HttpResponse<String> session = service.send("GET", "/api/v1/session", Optional.empty());
      assertThat(session.statusCode()).isEqualTo(200);
      assertThat(session.body()).contains("\"authenticationOff\":true", "\"payloadsVisible\":true");
      assertThat(service.send("GET", "/q/openapi", Optional.empty()).statusCode()).isEqualTo(200);
      assertThat(service.logText())
          .containsPattern("WARN .*AUTHENTICATION IS OFF \\(tributary.security.mode: none\\)");
    }
  }

  @Test
  void aConfigurationWithoutAModeDoesNotStart() throws Exception {
    try (ServiceProcess service = ServiceProcess.start("security-missing", withSecurity(""))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> service.logText().contains("tributary.security.mode: not set"));
      assertThat(service.waitForExit(Duration.ofSeconds(60))).isNotZero();
      assertThat(service.logText())
          .contains("choose token, basic or oidc, or none to turn authentication off");
    }
  }

  @Test
  void validateListsAMissingModeWithTheOtherErrors() throws Exception {
    ValidateRun run =
        ValidateRun.of(
            "security-missing",
            withSecurity("") + "      tables: {defaults: {partition-by: [\"weekly(ts)\"]}}\n");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains("tributary.security.mode: not set")
        .contains(
            "tributary.pipelines.idle.tables.defaults.partition-by[0]: Unknown transform 'weekly'")
        .doesNotContain("at io.tributary");
  }

  /** A catalog and one idle pipeline, with the given security section. */
  private static String withSecurity(String security) {
    LocalStack stack = StackClients.shared().stack();
    String tokenConfig = ServiceConfigs.catalog(stack, stack.metastoreUri());
    // Replace the test tokens section of ServiceConfigs.catalog with this test's own.
    String catalog = tokenConfig.substring(tokenConfig.indexOf("  catalog:"));
    return "tributary:\n"
        + security
        + catalog
        + """
          pipelines:
            idle:
              source:
                kafka:
                  bootstrap-servers: %s
                  topics: [%s]
              route: {table: %s.events}
        """
            .formatted(stack.kafkaBootstrap(), UniqueNames.of("modes"), UniqueNames.of("modes"));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
