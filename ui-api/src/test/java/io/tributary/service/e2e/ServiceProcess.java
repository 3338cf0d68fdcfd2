package io.tributary.service.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service, started the way a user starts it: {@code java -jar} with a YAML config
 * file. Its output goes to a log file under {@code target/} for post-mortems.
 */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServiceProcess start(String name, String yaml) throws IOException {
    return start(name, yaml, Map.of());
  }

  /** With extra environment variables, for example AWS credentials for the default chain. */
  static ServiceProcess start(String name, String yaml, Map<String, String> environment)
      throws IOException {
    Path jar =
        Path.of(System.getProperty("tributary.service.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          "The service is not packaged at " + jar + "; run ./mvnw package");
    }
    Path directory = Files.createDirectories(Path.of("target", "e2e", name));
    Path config = Files.writeString(directory.resolve("tributary.yaml"), yaml);
    Path log = directory.resolve("service.log");
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath().toString());
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ServiceProcess(builder.start(), port, log);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the HTTP server answers (any status), failing early if the process died. */
  ServiceProcess awaitStarted() {
    return awaitStarted(Duration.ofSeconds(90));
  }

  /** As {@link #awaitStarted()}, for tests that start the service many times on a busy machine. */
  ServiceProcess awaitStarted(Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log.toAbsolutePath());
              }
              try {
                get("/q/health/started");
                return true;
              } catch (IOException notYetListening) {
                return false;
              }
            });
    return this;
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  /** Kills the service with SIGKILL, as a crash or an OOM killer would: no shutdown hooks run. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Waits for a log line containing the text, written after the given log size, then returns. */
  void awaitLogLine(String text, long afterBytes, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              String all = Files.readString(log);
              return all.length() > afterBytes && all.substring((int) afterBytes).contains(text);
            });
  }

  long logSize() throws IOException {
    return Files.size(log);
  }

  /** Stops the service with SIGTERM, as an orchestrator does, and waits for it to exit. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
