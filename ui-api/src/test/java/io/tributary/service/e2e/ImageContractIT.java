package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The container image's contract without a container engine: the Dockerfile's entrypoint script,
 * run as a process with the Dockerfile's environment plus what ECS adds (the pipeline YAML in
 * {@code TRIBUTARY_CONFIG_YAML}), against the packaged quarkus-app directory the image copies. Only
 * the paths and the port differ from the image: the app directory, the config file's place and a
 * free port on a shared machine.
 */
class ImageContractIT {
  private static final Path DOCKER = Path.of("src", "main", "docker");
  private static final Path DOCKERFILE = DOCKER.resolve("Dockerfile.jvm");
  private static final Path APP_DIR = Path.of("target", "quarkus-app");
  private static final int RECORDS = 200;

  /** The ECS task's stop timeout (terraform/variables.tf stop_timeout, at most 120 on Fargate). */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

  @Test
  void theDockerfileRunsTheEntrypointAsANonRootUserWithAHealthCheck() throws IOException {
    Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);

    assertThat(dockerfile.entrypoint()).isEqualTo("/deployments/entrypoint.sh");
    assertThat(dockerfile.healthcheck()).isEqualTo("/deployments/healthcheck.sh");
    assertThat(dockerfile.text())
        .contains(
            "COPY --chmod=0755 src/main/docker/entrypoint.sh src/main/docker/healthcheck.sh /deployments/");
    assertThat(dockerfile.user()).isNotIn("", "0", "root");
    assertThat(dockerfile.environment())
        .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0")
        .containsKey("JVM_MAX_RAM_PERCENTAGE")
        .containsEntry("TRIBUTARY_APP_DIR", "/deployments");
    // The ECS task definition runs the same health check script.
    assertThat(Files.readString(Path.of("..", "terraform", "service.tf")))
        .contains("command     = [\"CMD\", \"" + dockerfile.healthcheck() + "\"]");
  }

  @Test
  void withoutAConfigurationTheEntrypointSaysWhatIsMissing() throws Exception {
    Map<String, String> environment = imageEnvironment(ServiceProcess.freePort());
    Result result = run(List.of(entrypoint().toString()), environment);

    assertThat(result.exitCode()).isEqualTo(64);
    assertThat(result.output()).contains("set TRIBUTARY_CONFIG_YAML");
  }

  @Test
  void argumentsReachTheServiceSoTheImageValidatesAConfiguration() throws Exception {
    LocalStack stack = LocalStack.fromEnvironment();
    Map<String, String> environment = imageEnvironment(ServiceProcess.freePort());
    environment.put(
        "TRIBUTARY_CONFIG_YAML",
        ServiceConfigs.pipeline(
            stack, "127.0.0.1:1", "thrift://127.0.0.1:1", "orders", "raw.orders"));
    environment.put(
        "TRIBUTARY_CONFIG_FILE",
        Path.of("target", "e2e", "image-validate", "tributary.yaml").toAbsolutePath().toString());

    Result result = run(List.of(entrypoint().toString(), "validate"), environment);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Configuration is valid");
  }

  @Test
  void theEntrypointBecomesReadyServesHealthAndCommitsOnSigterm() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    String topic = UniqueNames.of("image");
    clients.topics().create(topic, 2);
    try (KafkaProducer<String, byte[]> producer = clients.topics().producer()) {
      for (int id = 0; id < RECORDS; id++) {
        producer.send(
            new ProducerRecord<>(topic, ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8)));
      }
    }
    // An hour between commits: only the SIGTERM the orchestrator sends can commit these records.
    String yaml =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                image:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
                  commit:
                    interval: 1h
            """
                .formatted(stack.kafkaBootstrap(), topic, topic);
    int port = ServiceProcess.freePort();
    Path configFile =
        Path.of("target", "e2e", "image-contract", "config", "tributary.yaml").toAbsolutePath();
    Map<String, String> environment = imageEnvironment(port);
    environment.put("TRIBUTARY_CONFIG_YAML", yaml);
    environment.put("TRIBUTARY_CONFIG_FILE", configFile.toString());

    ServiceProcess service =
        ServiceProcess.startCommand(
            "image-contract", List.of(entrypoint().toString()), environment, port);
    try {
      Map<String, String> healthEnvironment = Map.of("QUARKUS_HTTP_PORT", Integer.toString(port));
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                if (!service.isAlive()) {
                  throw new IllegalStateException("the entrypoint exited; see its service.log");
                }
                return run(
                            List.of(DOCKER.resolve("healthcheck.sh").toAbsolutePath().toString()),
                            healthEnvironment)
                        .exitCode()
                    == 0;
              });
      assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);
      assertThat(service.get("/q/health/ready").body()).contains("\"status\": \"UP\"");

      // exec: the JVM is the entrypoint's own process, with the heap sized from the memory limit,
      // the YAML in a private file, and the YAML itself gone from its environment.
      String commandLine =
          Files.readString(Path.of("/proc", Long.toString(service.pid()), "cmdline"))
              .replace('\0', ' ');
      assertThat(commandLine)
          .contains("-XX:MaxRAMPercentage=70")
          .contains("-XX:+ExitOnOutOfMemoryError")
          .contains(APP_DIR.resolve("quarkus-run.jar").toAbsolutePath().toString());
      String processEnvironment =
          Files.readString(Path.of("/proc", Long.toString(service.pid()), "environ"));
      assertThat(processEnvironment)
          .doesNotContain("TRIBUTARY_CONFIG_YAML=")
          .contains("QUARKUS_CONFIG_LOCATIONS=" + configFile);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(configFile)).isEqualTo(yaml + "\n");
      assertThat(listensOnAllInterfaces(port)).as("listening on 0.0.0.0:" + port).isTrue();

      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  service
                      .get("/api/v1/pipelines/image")
                      .body()
                      .contains("\"recordsRead\":" + RECORDS));
      assertThat(clients.trino().tableExists(topic, "events")).isFalse();

      long stopStarted = System.nanoTime();
      service.stop();
      assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(STOP_TIMEOUT);
      assertThat(clients.trino().scalar("SELECT count(*) FROM iceberg." + topic + ".events"))
          .isEqualTo((long) RECORDS);
    } finally {
      service.close();
    }
  }

  /**
   * The Dockerfile's ENV, with the image's paths and port replaced by this machine's, a clean
   * environment otherwise (as in a container), and the JDK the tests run on.
   */
  private static Map<String, String> imageEnvironment(int port) throws IOException {
    Map<String, String> environment =
        new LinkedHashMap<>(Dockerfile.read(DOCKERFILE).environment());
    environment.put("TRIBUTARY_APP_DIR", APP_DIR.toAbsolutePath().toString());
    environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("PATH", System.getenv("PATH"));
    environment.put("HOME", System.getProperty("user.home"));
    environment.put("AWS_REGION", "us-east-1");
    return environment;
  }

  private static Path entrypoint() {
    Path script = DOCKER.resolve("entrypoint.sh").toAbsolutePath();
    if (!Files.exists(APP_DIR.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(
          "The service is not packaged in " + APP_DIR + "; run ./mvnw package");
    }
    return script;
  }

  /** Runs a command with exactly this environment (nothing inherited) and waits for its end. */
  private static Result run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("image-contract", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().clear();
      builder.environment().putAll(environment);
      builder.redirectErrorStream(true);
      builder.redirectOutput(output.toFile());
      Process process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish: " + Files.readString(output));
      }
      return new Result(process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * Whether /proc/net/tcp or tcp6 lists a listening socket on every address at this port (the JVM
   * may bind 0.0.0.0 through a dual-stack IPv6 socket, shown as ::ffff:0.0.0.0).
   */
  private static boolean listensOnAllInterfaces(int port) throws IOException {
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
    Set<String> anyAddress =
        Set.of(
            "00000000" + hexPort,
            "00000000000000000000000000000000" + hexPort,
            "0000000000000000FFFF000000000000" + hexPort);
    List<String> sockets = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (Files.exists(path)) {
        sockets.addAll(Files.readAllLines(path));
      }
    }
    return sockets.stream()
        .map(String::trim)
        .map(line -> line.split("\\s+"))
        .anyMatch(
            fields ->
                fields.length > 3 && anyAddress.contains(fields[1]) && fields[3].equals("0A"));
  }

  private record Result(int exitCode, String output) {}

  /** The few Dockerfile instructions the contract is made of. */
  private record Dockerfile(
      String text,
      Map<String, String> environment,
      String entrypoint,
      String healthcheck,
      String user) {
    private static final Pattern EXEC_FORM = Pattern.compile("\\[\\s*\"([^\"]+)\"");

    static Dockerfile read(Path path) throws IOException {
      String text = Files.readString(path);
      Map<String, String> environment = new LinkedHashMap<>();
      String entrypoint = "";
      String healthcheck = "";
      String user = "";
      List<String> instructions = new ArrayList<>();
      for (String line : text.replace("\\\n", " ").split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          instructions.add(line.trim());
        }
      }
      for (String instruction : instructions) {
        String[] parts = instruction.split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        switch (parts[0]) {
          case "ENV" -> {
            for (String pair : rest.trim().split("\\s+")) {
              int equals = pair.indexOf('=');
              environment.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
          }
          case "ENTRYPOINT" -> entrypoint = first(rest);
          case "HEALTHCHECK" -> healthcheck = first(rest.substring(rest.indexOf("CMD") + 3));
          case "USER" -> user = rest.trim();
          default -> {
            // other instructions are not part of the contract
          }
        }
      }
      return new Dockerfile(text, environment, entrypoint, healthcheck, user);
    }

    private static String first(String execForm) {
      Matcher matcher = EXEC_FORM.matcher(execForm);
      return matcher.find() ? matcher.group(1) : "";
    }
  }
}
