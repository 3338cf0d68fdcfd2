package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Pipelines reading through the local broker's SCRAM listener: the consumer and the readiness probe
 * authenticate with the pipeline's own client properties, a wrong password is reported as such, and
 * no password reaches the log.
 */
class SecuredKafkaIT {
  private static final int RECORDS = 500;

  @Test
  void scramCredentialsIngestEndToEndAndReadinessIsUp() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    ScramListener scram = ScramListener.fromEnvironment();
    String topic = UniqueNames.of("scram");
    clients.topics().create(topic, 2);
    // Produced through the plain listener: the same broker, the same topic.
    try (KafkaProducer<String, byte[]> producer = clients.topics().producer()) {
      for (int id = 0; id < RECORDS; id++) {
        producer.send(
            new ProducerRecord<>(topic, ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8)));
      }
    }
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                scram:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                      properties: %s
                  route: {table: %s.events}
                  commit: {interval: 1s}
            """
                .formatted(scram.bootstrap(), topic, scram.properties(scram.password()), topic);

    try (ServiceProcess service = ServiceProcess.start("secured-kafka-scram", config)) {
      service.awaitStarted();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  clients.trino().tableExists(topic, "events")
                      && clients
                          .trino()
                          .scalar("SELECT count(*) FROM iceberg." + topic + ".events")
                          .equals((long) RECORDS));
      assertThat(
              clients
                  .trino()
                  .scalar("SELECT count(DISTINCT id) + sum(id) FROM iceberg." + topic + ".events"))
          .isEqualTo((long) RECORDS + (long) RECORDS * (RECORDS - 1) / 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = service.get("/q/health/ready");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body())
                    .containsPattern("\"name\": \"kafka\",\\s*\"status\": \"UP\"")
                    .contains("\"scram\": \"cluster ");
              });
      assertThat(service.logText()).doesNotContain(scram.password());
    }
  }

  /**
   * A wrong password, and the AWS MSK IAM mechanism against a listener that does not offer it:
   * readiness is DOWN and says authentication failed; the IAM mechanism's classes load from the
   * packaged service (else the client would not be built at all and the reason would be a
   * configuration error).
   */
  @Test
  void wrongCredentialsMakeReadinessDownWithTheReasonAndNeverLogThePassword() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    ScramListener scram = ScramListener.fromEnvironment();
    String topic = UniqueNames.of("scram_denied");
    clients.topics().create(topic, 1);
    try (KafkaProducer<String, byte[]> producer = clients.topics().producer()) {
      producer.send(new ProducerRecord<>(topic, "{\"id\": 1}".getBytes(StandardCharsets.UTF_8)));
    }
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                scram:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                      properties: %s
                  route: {table: %s.events}
                  commit: {interval: 1s}
                iam:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                      properties:
                        security.protocol: SASL_PLAINTEXT
                        sasl.mechanism: AWS_MSK_IAM
                        sasl.jaas.config: software.amazon.msk.auth.iam.IAMLoginModule required;
                        sasl.client.callback.handler.class: \
            software.amazon.msk.auth.iam.IAMClientCallbackHandler
                  route: {table: %s.iam_events}
                  commit: {interval: 1s}
            """
                .formatted(
                    scram.bootstrap(),
                    topic,
                    scram.properties(wrongPassword),
                    topic,
                    scram.bootstrap(),
                    topic,
                    topic);

    try (ServiceProcess service = ServiceProcess.start("secured-kafka-denied", config)) {
      service.awaitStarted();
      // The first health call also warms up the catalog check; on a busy machine it can take
      // longer than one request's timeout.
      AtomicReference<String> readiness = new AtomicReference<>();
      await()
          .atMost(Duration.ofMinutes(2))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = service.get("/q/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                readiness.set(ready.body());
              });

      assertThat(readiness.get())
          .containsPattern("\"name\": \"kafka\",\\s*\"status\": \"DOWN\"")
          .containsPattern(
              "\"scram\": \"authentication failed at "
                  + scram.bootstrap()
                  + ": [^\"]*invalid credentials with SASL mechanism SCRAM-SHA-512")
          .containsPattern("\"iam\": \"authentication failed at [^\"]*AWS_MSK_IAM[^\"]*not enabled")
          .doesNotContain(wrongPassword);
      // The consumer fails the same way and says so in the log, without the password.
      service.awaitLogLine("SaslAuthenticationException", 0, Duration.ofMinutes(1));
      assertThat(clients.trino().tableExists(topic, "events")).isFalse();
      String log = service.logText();
      assertThat(log).contains("invalid credentials with SASL mechanism SCRAM-SHA-512");
      assertThat(log).doesNotContain(wrongPassword);
    }
  }
}
