package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code quarkus-run.jar validate} checks a configuration offline and lists every error, each by
 * its key, with no stack trace; start-up refuses the same configuration with the same list.
 */
class ValidateCommandIT {
  private static final String JAAS_PASSWORD = "jaas-marker-5b7e1c";

  /**
   * Eight errors: unreadable values, constraints, rules across keys, and what Iceberg's S3FileIO
   * and the Kafka client would refuse. Its servers are unreachable ports: checking reaches none.
   */
  private static final String BROKEN =
      """
      tributary:
        security: {mode: none}
        catalog:
          type: hive
          warehouse: s3://lake/warehouse
          properties: {uri: "thrift://127.0.0.1:1", s3.endpoint: "http://127.0.0.1:1", s3.access-key-id: tributary}
        maintenance: {interval: 0s}
        pipelines:
          orders:
            source:
              kafka:
                bootstrap-servers: "127.0.0.1:1"
                topics: [orders]
                properties:
                  fetch.min.bytes: lots
                  sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="%s"'
            route: {table: Raw-Orders}
            tables: {defaults: {partition-by: ["weekly(ts)"]}}
            commit: {interval: -5s, max-buffered-bytes: lots}
      """
          .formatted(JAAS_PASSWORD);

  private static final List<String> BROKEN_KEYS =
      List.of(
          "tributary.catalog.properties.s3.secret-access-key: required when s3.access-key-id is set",
          "tributary.maintenance.interval: must be positive, was 0s",
          "tributary.pipelines.orders.source.kafka.properties.fetch.min.bytes: Invalid value lots",
          "tributary.pipelines.orders.source.kafka.properties.sasl.jaas.config: JAAS config entry",
          "tributary.pipelines.orders.route.table: must be namespace.table",
          "tributary.pipelines.orders.tables.defaults.partition-by[0]: Unknown transform 'weekly'",
          "tributary.pipelines.orders.commit.interval: must be positive, was -5s",
          "tributary.pipelines.orders.commit.max-buffered-bytes: cannot be read: Invalid size");
  private static final String CATALOG =
      """
      tributary:
        security: {mode: none}
        catalog:
          type: hive
          warehouse: s3://lake/warehouse
          properties: {uri: "thrift://127.0.0.1:1"}
        pipelines:
      """;

  @Test
  void aValidConfigurationPassesWithoutReachingAnyServer() throws Exception {
    Result result =
        validate(
            "valid",
            CATALOG
                + """
                    orders:
                      source: {kafka: {bootstrap-servers: "127.0.0.1:1", topics: [orders]}}
                      route: {table: raw.orders}
                """);

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).contains("Configuration is valid");
  }

  @Test
  void everyPipelineErrorIsListedAtOnce() throws Exception {
    Result result =
        validate(
            "invalid",
            CATALOG
                + """
                    orders:
                      source: {kafka: {bootstrap-servers: "127.0.0.1:1", topics: [orders]}}
                      route: {table: raw.orders}
                      tables: {defaults: {partition-by: ["weekly(ts)"]}}
                    payments:
                      source: {kafka: {bootstrap-servers: "127.0.0.1:1", topics: [payments]}}
                      route: {field: kind, rules: [{matches: "(", table: raw.payments}]}
                """);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("tributary.pipelines.orders.tables.defaults.partition-by[0]: Unknown transform")
        .contains(
            "tributary.pipelines.payments.route.rules[0].matches: is not a regular expression");
  }

  @Test
  void everyKindOfErrorIsListedByKeyWithoutAStackTrace() throws Exception {
    Result result = validate("broken", BROKEN);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("Invalid configuration: " + BROKEN_KEYS.size() + " errors")
        .contains(BROKEN_KEYS);
    assertNoStackTraceOrSecret(result.output());
  }

  @Test
  void startUpRefusesTheSameConfigurationWithTheSameList() throws Exception {
    Result result = run("broken-start", BROKEN, List.of());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("ERROR Tributary cannot start. Invalid configuration")
        .contains(BROKEN_KEYS)
        // Refused before Quarkus started, so before any catalog or client was opened.
        .doesNotContain("Installed features", "started in");
    assertNoStackTraceOrSecret(result.output());
  }

  private static void assertNoStackTraceOrSecret(String output) {
    assertThat(output.lines())
        .noneMatch(line -> line.trim().startsWith("at "))
        .noneMatch(line -> line.contains("Exception"))
        .noneMatch(line -> line.contains(JAAS_PASSWORD));
  }

  private static Result validate(String name, String yaml)
      throws IOException, InterruptedException {
    return run("validate-" + name, yaml, List.of("validate"));
  }

  private static Result run(String name, String yaml, List<String> arguments)
      throws IOException, InterruptedException {
    Path jar =
        Path.of(System.getProperty("tributary.service.jar", "target/quarkus-app/quarkus-run.jar"));
    Path directory = Files.createDirectories(Path.of("target", "e2e", name));
    Path config = Files.writeString(directory.resolve("tributary.yaml"), yaml);
    Path output = directory.resolve("output.txt");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath().toString());
    // Should start-up wrongly accept the configuration, it must not collide with a real service.
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not finish; output in " + output);
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}
}
