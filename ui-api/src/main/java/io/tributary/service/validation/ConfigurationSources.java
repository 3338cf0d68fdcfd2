package io.tributary.service.validation;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SysPropConfigSource;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The configuration sources the service reads, assembled as Quarkus assembles them for {@code
 * tributary.*}: the files in {@code QUARKUS_CONFIG_LOCATIONS} (or {@code
 * -Dquarkus.config.locations}), {@code config/application.yaml} in the working directory,
 * environment variables and system properties, in that order of precedence from low to high.
 */
public final class ConfigurationSources {
  static final String LOCATIONS_KEY = "QUARKUS_CONFIG_LOCATIONS";
  private static final int LOCATIONS_ORDINAL = 260;
  private static final int WORKING_DIRECTORY_ORDINAL = 265;
  private static final int ENVIRONMENT_ORDINAL = 300;

  private final List<ConfigSource> sources;
  private final String profile;
  private final List<ConfigError> errors;

  ConfigurationSources(List<ConfigSource> sources, String profile, List<ConfigError> errors) {
    this.sources = List.copyOf(sources);
    this.profile = profile;
    this.errors = List.copyOf(errors);
  }

  /** What this process was started with. */
  public static ConfigurationSources fromEnvironment() {
    Map<String, String> environment = System.getenv();
    String locations =
        System.getProperty("quarkus.config.locations", environment.getOrDefault(LOCATIONS_KEY, ""));
    String profile =
        System.getProperty("quarkus.profile", environment.getOrDefault("QUARKUS_PROFILE", "prod"));
    List<ConfigSource> sources = new ArrayList<>();
    List<ConfigError> errors = new ArrayList<>();
    sources.add(new EnvConfigSource(environment, ENVIRONMENT_ORDINAL));
    sources.add(new SysPropConfigSource());
    for (String location : locations.split(",")) {
      if (!location.isBlank()) {
        load(location.trim(), LOCATIONS_ORDINAL, errors).ifPresent(sources::add);
      }
    }
    Path local = Path.of("config", "application.yaml");
    if (Files.isRegularFile(local)) {
      load(local.toString(), WORKING_DIRECTORY_ORDINAL, errors).ifPresent(sources::add);
    }
    return new ConfigurationSources(sources, profile, errors);
  }

  /** One YAML document, for tests and tools. */
  static ConfigurationSources ofYaml(String yaml) {
    return new ConfigurationSources(
        List.of(new YamlConfigSource("test.yaml", yaml, LOCATIONS_ORDINAL)), "prod", List.of());
  }

  /** One YAML document beside environment variables, for tests. */
  static ConfigurationSources ofYaml(String yaml, Map<String, String> environment) {
    return new ConfigurationSources(
        List.of(
            new EnvConfigSource(environment, ENVIRONMENT_ORDINAL),
            new YamlConfigSource("test.yaml", yaml, LOCATIONS_ORDINAL)),
        "prod",
        List.of());
  }

  /** Flat properties, for tests. */
  static ConfigurationSources ofProperties(Map<String, String> properties) {
    return new ConfigurationSources(
        List.of(new PropertiesConfigSource(properties, "test.properties", LOCATIONS_ORDINAL)),
        "prod",
        List.of());
  }

  List<ConfigSource> sources() {
    return sources;
  }

  String profile() {
    return profile;
  }

  /** Files that could not be read; a missing file is an error, not an empty configuration. */
  List<ConfigError> errors() {
    return errors;
  }

  private static Optional<ConfigSource> load(
      String location, int ordinal, List<ConfigError> errors) {
    Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    if (!Files.isRegularFile(path)) {
      errors.add(new ConfigError(LOCATIONS_KEY, "no such file: " + path.toAbsolutePath()));
      return Optional.empty();
    }
    try {
      String name = path.getFileName().toString();
      if (name.endsWith(".properties")) {
        return Optional.of(new PropertiesConfigSource(path.toUri().toURL(), ordinal));
      }
      return Optional.of(new YamlConfigSource(path.toUri().toURL(), ordinal));
    } catch (IOException | UncheckedIOException e) {
      errors.add(new ConfigError(LOCATIONS_KEY, "cannot read " + path + ": " + e.getMessage()));
    } catch (RuntimeException e) {
      errors.add(new ConfigError(LOCATIONS_KEY, path + " is not valid YAML" + position(e)));
    }
    return Optional.empty();
  }

  /**
   * Where the YAML parser stopped, without its excerpt of the file: the excerpt may hold a secret.
   */
  private static String position(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        return String.format(
            " (line %d, column %d: %s)",
            marked.getProblemMark().getLine() + 1,
            marked.getProblemMark().getColumn() + 1,
            marked.getProblem());
      }
    }
    return "";
  }
}
