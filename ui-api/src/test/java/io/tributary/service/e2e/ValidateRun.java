package io.tributary.service.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of {@code quarkus-run.jar validate} on a YAML file: its exit status and output. */
record ValidateRun(int exitCode, String output) {
  static ValidateRun of(String name, String yaml) throws IOException, InterruptedException {
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
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("validate did not finish; see " + output.toAbsolutePath());
    }
    return new ValidateRun(process.exitValue(), Files.readString(output));
  }
}
