package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * No configured secret is ever echoed. Tokens, a catalog property and Kafka properties (a JAAS
 * configuration, an SSL key password) carry unique marker values; the service ingests records and
 * dead-letters one, every endpoint is called as nobody, a viewer, an operator and with a wrong
 * token, {@code validate} runs on the same file, and then the service log, every response (headers
 * and body) and the validate output are searched for the markers. The same run checks the role
 * rules and the security headers.
 */
class SecretsIT {
  private static final String MARKER = "secret-marker-" + UUID.randomUUID();

  @Test
  void noSecretIsEchoedAnywhere() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("secrets");
    String table = topic + ".events";
    topics.create(topic, 1);
    String viewerToken = MARKER + "-viewer";
    String operatorToken = MARKER + "-operator";
    String jaasPassword = MARKER + "-jaas";

    String config =
        """
        tributary:
          security:
            mode: token
            metrics-authenticated: true
            tokens:
              - {name: vera, token: %s, role: viewer}
              - {name: otto, token: %s, role: operator}
          catalog:
            type: hive
            warehouse: %s
            hive-lock-enabled: false
            properties:
              uri: %s
              s3.endpoint: %s
              s3.path-style-access: "true"
              s3.access-key-id: %s
              s3.secret-access-key: %s
              client.region: us-east-1
              custom.api-token: %s-catalog
          pipelines:
            secrets:
              source:
                kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  properties:
                    # PLAINTEXT: the client is given these but never uses them.
                    sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="svc" password="%s";'
                    ssl.key.password: %s-ssl
              route: {table: %s}
              tables: {defaults: {event-time-field: event_time}}
              commit: {interval: 1s}
        """
            .formatted(
                viewerToken,
                operatorToken,
                stack.warehouse(),
                stack.metastoreUri(),
                stack.s3Endpoint(),
                stack.s3AccessKey(),
                stack.s3SecretKey(),
                MARKER,
                stack.kafkaBootstrap(),
                topic,
                jaasPassword,
                MARKER,
                table);
    List<String> outputs = new ArrayList<>();
    String log;
    try (ServiceProcess service = ServiceProcess.start("secrets", config).awaitStarted();
        KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int i = 0; i < 10; i++) {
        producer.send(
            new ProducerRecord<>(
                topic,
                ("{\"id\": %d, \"event_time\": \"2026-11-29T10:00:00Z\"}".formatted(i))
                    .getBytes(StandardCharsets.UTF_8)));
      }
      producer.send(
          new ProducerRecord<>(topic, "the-key", "oops {".getBytes(StandardCharsets.UTF_8)));
      producer.flush();
      Optional<String> operator = Optional.of(operatorToken);
      Optional<String> viewer = Optional.of(viewerToken);
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () ->
                  service
                      .send("GET", "/api/v1/pipelines/secrets/dead-letters", operator)
                      .body()
                      .contains("oops {"));

      // Roles and what each sees.
      HttpResponse<String> anonymous = service.send("GET", "/api/v1/pipelines", Optional.empty());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"tributary\"");
      assertThat(
              service.send("GET", "/api/v1/pipelines", Optional.of(MARKER + "-wrong")).statusCode())
          .isEqualTo(401);
      assertThat(service.send("GET", "/q/health/ready", Optional.empty()).statusCode())
          .isEqualTo(200);
      assertThat(service.send("GET", "/q/metrics", Optional.empty()).statusCode()).isEqualTo(401);
      assertThat(service.send("GET", "/q/metrics", viewer).statusCode()).isEqualTo(200);
      assertThat(service.send("GET", "/q/openapi", Optional.empty()).statusCode()).isEqualTo(401);
      assertThat(service.send("POST", "/api/v1/pipelines", viewer).statusCode()).isEqualTo(403);
      assertThat(service.send("DELETE", "/api/v1/pipelines/secrets", viewer).statusCode())
          .isEqualTo(403);
      // An operator passes the security check; there is no such endpoint (yet).
      assertThat(service.send("POST", "/api/v1/pipelines", operator).statusCode()).isEqualTo(405);
      String viewerLetters =
          service.send("GET", "/api/v1/pipelines/secrets/dead-letters", viewer).body();
      assertThat(viewerLetters)
          .contains("\"payloadHidden\":true", "is not valid JSON", "\"partition\":0")
          .doesNotContain("oops {", "the-key", "\"key\"");
      String operatorLetters =
          service.send("GET", "/api/v1/pipelines/secrets/dead-letters", operator).body();
      assertThat(operatorLetters).contains("\"payloadHidden\":false", "oops {", "the-key");
      assertThat(service.send("GET", "/api/v1/session", viewer).body())
          .contains("\"user\":\"vera\"", "\"roles\":[\"viewer\"]", "\"payloadsVisible\":false");

      // Security headers, on the UI and the API alike.
      for (HttpResponse<String> response :
          List.of(
              service.send("GET", "/", Optional.empty()),
              service.send("GET", "/api/v1/pipelines", viewer),
              anonymous)) {
        assertThat(response.headers().firstValue("Content-Security-Policy"))
            .hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      }

      // Every endpoint, as everyone.
      List<String> paths =
          List.of(
              "/",
              "/index.html",
              "/app.js",
              "/api/v1/session",
              "/api/v1/pipelines",
              "/api/v1/pipelines/secrets",
              "/api/v1/pipelines/secrets/dead-letters",
              "/api/v1/pipelines/nope",
              "/api/v1/tables",
              "/api/v1/tables/" + table + "/schemas",
              "/api/v1/tables/" + table + "/schemas/0/diff/1",
              "/api/v1/tables/" + table + "/drift-events",
              "/api/v1/tables/" + table + "/fields",
              "/api/v1/tables/" + table + "/maintenance",
              "/api/v1/tables/nope.nope/fields",
              "/api/v1/tables/" + table + "/drift-events?since=yesterday",
              "/q/health",
              "/q/health/ready",
              "/q/metrics",
              "/q/openapi");
      for (Optional<String> caller :
          List.of(Optional.<String>empty(), viewer, operator, Optional.of(MARKER + "-wrong"))) {
        for (String path : paths) {
          outputs.add(describe(service.send("GET", path, caller)));
        }
        outputs.add(describe(service.send("POST", "/api/v1/pipelines", caller)));
      }
      outputs.add(
          describe(
              service.sendAuthorized(
                  "GET",
                  "/api/v1/pipelines",
                  "Basic "
                      + java.util.Base64.getEncoder()
                          .encodeToString(("otto:" + MARKER).getBytes(StandardCharsets.UTF_8)))));
      assertThat(service.stop()).isZero();
      log = service.logText();
    }
    outputs.add(validate(config));

    assertThat(log).contains("static bearer tokens for [vera (viewer), otto (operator)]");
    List<String> secrets =
        List.of(MARKER, jaasPassword, viewerToken, operatorToken, stack.s3SecretKey());
    for (String secret : secrets) {
      assertThat(log).as("the service log").doesNotContain(secret);
      for (String output : outputs) {
        assertThat(output).as("a response or the validate output").doesNotContain(secret);
      }
    }
    // The run saw what it searched: the 80-odd responses are real.
    assertThat(String.join("\n", outputs)).contains("\"rowsCommitted\":10", "tributary_");
  }

  private static String describe(HttpResponse<String> response) {
    return response.request().method()
        + " "
        + response.uri()
        + " -> "
        + response.statusCode()
        + "\n"
        + response.headers().map()
        + "\n"
        + response.body();
  }

  private static String validate(String yaml) throws Exception {
    ValidateRun run = ValidateRun.of("secrets", yaml);
    assertThat(run.output()).contains("Configuration is valid");
    return run.output();
  }
}
