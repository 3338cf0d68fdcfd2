package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness tells the truth about the catalog and the brokers. */
class ReadinessIT {
  @Test
  void notReadyWhileTheCatalogAndBrokersAreUnreachable() throws Exception {
    LocalStack stack = StackClients.shared().stack();
    // Port 9 (discard) is closed on loopback: nothing answers there.
    String config =
        ServiceConfigs.pipeline(
            stack,
            "127.0.0.1:9",
            "thrift://127.0.0.1:9",
            "never_created",
            "readiness.never_created");
    try (ServiceProcess service = ServiceProcess.start("readiness-down", config).awaitStarted()) {
      HttpResponse<String> response = service.get("/q/health/ready");

      assertThat(response.statusCode()).isEqualTo(503);
      // The Kinesis check has no stream to check in a Kafka pipeline, so only these two count.
      assertThat(response.body())
          .containsPattern("\"name\": \"catalog\",\\s*\"status\": \"DOWN\"")
          .containsPattern("\"name\": \"kafka\",\\s*\"status\": \"DOWN\"");
    }
  }

  @Test
  void readyWhenTheCatalogAndBrokersAnswer() throws Exception {
    LocalStack stack = StackClients.shared().stack();
    String topic = UniqueNames.of("ready");
    String config =
        ServiceConfigs.pipeline(
            stack, stack.kafkaBootstrap(), stack.metastoreUri(), topic, "readiness." + topic);
    try (ServiceProcess service = ServiceProcess.start("readiness-up", config).awaitStarted()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(service.get("/q/health/ready").statusCode()).isEqualTo(200));
      assertThat(service.get("/api/v1/pipelines").body()).contains("\"name\":\"e2e\"");
      assertThat(service.get("/q/metrics").body()).contains("tributary_records_read_total");
    }
  }
}
