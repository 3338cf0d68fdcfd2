package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/** How the benchmark starts the service: its packaged jar and the JVM options before it. */
record ServiceLaunch(Path jar, List<String> jvmOptions) {
  static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

  ServiceLaunch {
    requireNonNull(jar, "jar is null");
    jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
  }
}
