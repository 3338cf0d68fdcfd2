package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code quarkus-run.jar validate} checks a configuration offline and lists every error. */
class ValidateCommandIT {
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
    assertThat(result.output()).contains("Configuration is valid: 1 pipeline(s)");
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
        .contains("tributary.pipelines.orders: Unknown transform 'weekly'")
        .contains("tributary.pipelines.payments.route: invalid 'matches' expression");
  }

  private static Result validate(String name, String yaml)
      throws IOException, InterruptedException {
    Path jar =
        Path.of(System.getProperty("tributary.service.jar", "target/quarkus-app/quarkus-run.jar"));
    Path directory = Files.createDirectories(Path.of("target", "e2e", "validate-" + name));
    Path config = Files.writeString(directory.resolve("tributary.yaml"), yaml);
    Path output = directory.resolve("output.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toAbsolutePath().toString(),
                "validate"));
    builder.environment().put("QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath().toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("validate did not finish; output in " + output);
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}
}
