package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** SIGTERM commits what is buffered before the service exits. */
class GracefulShutdownIT {
  private static final int RECORDS = 1_000;

  @Test
  void sigtermCommitsBufferedRecords() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Trino trino = clients.trino();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("term");
    String schema = topic;
    topics.create(topic, 2);
    try (KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int id = 0; id < RECORDS; id++) {
        producer.send(
            new ProducerRecord<>(topic, ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8)));
      }
    }
    // An hour between commits: only the shutdown can commit these records.
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                term:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
                  commit:
                    interval: 1h
            """
                .formatted(stack.kafkaBootstrap(), topic, schema);
    ServiceProcess service = ServiceProcess.start("graceful-shutdown", config).awaitStarted();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                service
                    .get("/api/v1/pipelines/term")
                    .body()
                    .contains("\"recordsRead\":" + RECORDS));
    assertThat(trino.tableExists(schema, "events")).isFalse();

    service.stop();

    assertThat(trino.scalar("SELECT count(*) FROM iceberg." + schema + ".events"))
        .isEqualTo((long) RECORDS);
    assertThat(service.logText()).contains("All pipelines stopped");
  }
}
