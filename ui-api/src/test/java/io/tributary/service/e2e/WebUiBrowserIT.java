package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Chromium (Debian's package, driven by playwright-core from a small Node
 * script, src/test/browser/ui-check.cjs) against the packaged service, after a pipeline has
 * ingested records, evolved its schema and dead-lettered one: signing in, every section rendering
 * real data, a viewer never seeing payloads, an operator seeing them. minio-local/browser installs
 * Chromium and playwright-core when they are missing. Screenshots land in target/e2e/web-ui/.
 */
class WebUiBrowserIT {
  @Test
  void viewerAndOperatorSeeWhatTheirRolesAllow() throws Exception {
    Path nodeModules = installBrowser();
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("webui");
    String table = topic + ".events";
    topics.create(topic, 1);
    String payloadMarker = "payload-marker-" + UUID.randomUUID();
    String keyMarker = "key-marker-" + UUID.randomUUID();

    String config =
        ServiceConfigs.pipeline(stack, stack.kafkaBootstrap(), stack.metastoreUri(), topic, table);
    try (ServiceProcess service = ServiceProcess.start("web-ui", config).awaitStarted();
        KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int i = 0; i < 20; i++) {
        send(producer, topic, null, event(i, ""));
      }
      producer.send(
          new ProducerRecord<>(
              topic, keyMarker, ("not json " + payloadMarker).getBytes(StandardCharsets.UTF_8)));
      producer.flush();
      awaitCommitted(service, 20, 1);
      // A second commit adds a field, so the schema timeline and the drift ledger have a change.
      for (int i = 20; i < 40; i++) {
        send(producer, topic, null, event(i, ", \"coupon\": \"c" + i + "\""));
      }
      producer.flush();
      awaitCommitted(service, 40, 1);
      await()
          .atMost(Duration.ofMinutes(2))
          .ignoreExceptions()
          .until(() -> service.get("/api/v1/pipelines/e2e/dead-letters").body().contains("@"));

      Path out = Files.createDirectories(Path.of("target", "e2e", "web-ui"));
      Path log = out.resolve("ui-check.log");
      ProcessBuilder node =
          new ProcessBuilder(List.of("node", Path.of("src/test/browser/ui-check.cjs").toString()));
      Map<String, String> environment = node.environment();
      environment.put("NODE_PATH", nodeModules.toString());
      environment.put("UI_URL", service.uri("/").toString());
      environment.put("UI_VIEWER_TOKEN", ServiceConfigs.VIEWER_TOKEN);
      environment.put("UI_OPERATOR_TOKEN", ServiceConfigs.OPERATOR_TOKEN);
      environment.put("UI_PIPELINE", "e2e");
      environment.put("UI_TABLE", table);
      environment.put("UI_FIELD", "amount");
      environment.put("UI_PAYLOAD_MARKER", payloadMarker);
      environment.put("UI_KEY_MARKER", keyMarker);
      environment.put("UI_OUT_DIR", out.toAbsolutePath().toString());
      node.redirectErrorStream(true);
      node.redirectOutput(log.toFile());
      Process process = node.start();
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("ui-check finished").isTrue();
      String output = Files.readString(log);
      assertThat(process.exitValue()).as("ui-check exit status; output:%n%s", output).isZero();
      assertThat(output)
          .contains("ok: viewer: no payload columns")
          .contains("ok: operator: sees the dead-letter value")
          .contains("UI CHECK PASSED");
    }
  }

  private static byte[] event(int id, String extra) {
    return ("{\"id\": %d, \"event_time\": \"2026-11-29T10:%02d:00Z\", \"amount\": %d.5%s}"
            .formatted(id, id % 60, id, extra))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  private static void awaitCommitted(ServiceProcess service, int rows, int deadLetters) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              String body = service.get("/api/v1/pipelines/e2e").body();
              return number(body, "rowsCommitted") >= rows
                  && number(body, "deadLetters") >= deadLetters;
            });
  }

  private static long number(String json, String field) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  /** Runs minio-local/browser install and returns the node_modules directory it printed. */
  static Path installBrowser() throws IOException, InterruptedException {
    Path script = Path.of("..", "minio-local", "browser").toAbsolutePath().normalize();
    Path log = Files.createDirectories(Path.of("target", "e2e")).resolve("browser-install.log");
    Process process =
        new ProcessBuilder(script.toString(), "install")
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("browser install finished").isTrue();
    assertThat(process.exitValue())
        .as("%s install failed; see %s", script, log.toAbsolutePath())
        .isZero();
    List<String> lines = printed.lines().toList();
    return Path.of(lines.get(lines.size() - 1));
  }
}
