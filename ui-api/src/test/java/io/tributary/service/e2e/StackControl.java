package io.tributary.service.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and starts components of the local stack the tests use, through {@code minio-local/stack
 * stop|start}. The ports handed to the script are the ones the tests talk to, so it acts on that
 * stack and no other; the state dir comes from {@code TRIBUTARY_STACK_DIR} as for the script. A
 * component stopped here is started again by {@link #close()}, whatever happened in between.
 */
final class StackControl implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StackControl.class);
  private static final long SCRIPT_TIMEOUT_MINUTES = 15;

  /** The components a fault test may take down, named as the script names them. */
  enum Component {
    S3("s3"),
    KAFKA("kafka"),
    METASTORE("metastore"),
    REST("rest"),
    TRINO("trino");

    private final String scriptName;

    Component(String scriptName) {
      this.scriptName = scriptName;
    }
  }

  private final LocalStack stack;
  private final Path script;
  private final Set<Component> stopped = EnumSet.noneOf(Component.class);

  StackControl(LocalStack stack) {
    this.stack = stack;
    this.script =
        Path.of(System.getProperty("tributary.stack.script", "../minio-local/stack"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          "The stack script is not at " + script + " (set -Dtributary.stack.script)");
    }
  }

  /** SIGTERM, as an orchestrator stops a server; returns once the process is gone. */
  void stop(Component component) throws IOException, InterruptedException {
    down(component, false);
  }

  /** SIGKILL, as a crash or the OOM killer ends a server; returns once the process is gone. */
  void kill(Component component) throws IOException, InterruptedException {
    down(component, true);
  }

  /** Starts the component and returns once the script finds it ready. */
  void start(Component component) throws IOException, InterruptedException {
    run(List.of("start", component.scriptName));
    stopped.remove(component);
    if (!reachable(component)) {
      throw new IllegalStateException(
          component.scriptName + " is ready by the script yet not reachable at " + port(component));
    }
  }

  /** Starts every component stopped through this object, in dependency order (S3 first). */
  @Override
  public void close() throws IOException, InterruptedException {
    for (Component component : Component.values()) {
      if (stopped.contains(component)) {
        start(component);
      }
    }
  }

  private void down(Component component, boolean kill) throws IOException, InterruptedException {
    stopped.add(component);
    List<String> arguments = new ArrayList<>(List.of("stop"));
    if (kill) {
      arguments.add("--kill");
    }
    arguments.add(component.scriptName);
    run(arguments);
    // The script returns once the process is gone and its ports are free, and it signals only
    // processes it started under its state dir: a component still answering means this test
    // points at a stack that the state dir does not describe.
    if (reachable(component)) {
      throw new IllegalStateException(
          component.scriptName
              + " still answers at port "
              + port(component)
              + " after 'stack stop': TRIBUTARY_STACK_DIR does not name the stack the tests use");
    }
  }

  private void run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(portEnvironment());
    Path output = Files.createTempFile("stack-control", ".log");
    builder.redirectOutput(output.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    boolean exited = process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
      process.waitFor();
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    if (!exited || process.exitValue() != 0) {
      throw new IllegalStateException(
          "'stack " + String.join(" ", arguments) + "' failed:\n" + text);
    }
    LOG.info(
        "stack {} took {} ms",
        String.join(" ", arguments),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** The ports the tests use, in the variables the script reads. */
  private Map<String, String> portEnvironment() {
    return Map.of(
        "TRIBUTARY_KAFKA_PORT", Integer.toString(port(Component.KAFKA)),
        "TRIBUTARY_S3_PORT", Integer.toString(port(Component.S3)),
        "TRIBUTARY_METASTORE_PORT", Integer.toString(port(Component.METASTORE)),
        "TRIBUTARY_TRINO_PORT", Integer.toString(port(Component.TRINO)),
        "TRIBUTARY_REST_PORT", Integer.toString(port(Component.REST)),
        "TRIBUTARY_S3_ACCESS_KEY", stack.s3AccessKey(),
        "TRIBUTARY_S3_SECRET_KEY", stack.s3SecretKey());
  }

  private int port(Component component) {
    return switch (component) {
      case S3 -> URI.create(stack.s3Endpoint()).getPort();
      case KAFKA -> Integer.parseInt(stack.kafkaBootstrap().split(",")[0].split(":")[1]);
      case METASTORE -> URI.create(stack.metastoreUri()).getPort();
      case REST -> URI.create(stack.restCatalogUri()).getPort();
      case TRINO -> URI.create(stack.trinoUrl()).getPort();
    };
  }

  private boolean reachable(Component component) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port(component)), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
