package io.tributary.service.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two replicas share a topic's partitions through one consumer group; one is killed while both
 * write. The survivor takes its partitions over from the tables' positions: exactly once holds.
 */
class ReplicasIT {
  private static final int RECORDS = 300_000;
  // Spread over about 20 seconds, so both replicas own partitions with data still flowing.
  private static final int RECORDS_PER_SECOND = 15_000;

  @Test
  void killingOneOfTwoReplicasLosesAndDuplicatesNothing() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Trino trino = clients.trino();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("replicas");
    String schema = topic;
    topics.create(topic, 6);
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                replicated:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                      properties:
                        session.timeout.ms: "6000"
                        heartbeat.interval.ms: "1000"
                  route:
                    table: %s.events
                  commit:
                    interval: 1s
            """
                .formatted(stack.kafkaBootstrap(), topic, schema);
    List<String> tables =
        List.of("iceberg." + schema + ".events", "iceberg." + schema + ".events__dead_letter");

    CompletableFuture<Void> producing =
        CompletableFuture.runAsync(
            () ->
                topics.produceSteadily(
                    topic,
                    RECORDS,
                    RECORDS_PER_SECOND,
                    id -> ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8)));
    try (ServiceProcess first = ServiceProcess.start("replica-1", config).awaitStarted();
        ServiceProcess second = ServiceProcess.start("replica-2", config).awaitStarted()) {
      // Both replicas own partitions and have committed rows before one of them dies.
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> rowsCommitted(first) > 0 && rowsCommitted(second) > 0);
      first.kill();

      producing.get();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  trino.tableExists(schema, "events")
                      && trino.tableExists(schema, "events__dead_letter")
                      && SourceCoverage.rowCount(trino, tables) >= RECORDS);

      SourceCoverage.assertExactlyOnce(trino, tables, Map.of(topic, topics.endOffsets(topic)));
    }
  }

  private static long rowsCommitted(ServiceProcess service) throws Exception {
    Matcher matcher =
        Pattern.compile("\"rowsCommitted\":(\\d+)")
            .matcher(service.get("/api/v1/pipelines/replicated").body());
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }
}
