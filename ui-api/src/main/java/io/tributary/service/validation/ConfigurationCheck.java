package io.tributary.service.validation;

import io.tributary.service.security.SecurityCheck;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the whole configuration offline and lists every error at once: unknown, unreadable and
 * missing keys; the constraints on the config interfaces; the rules that span keys; and the checks
 * the catalog and Kafka libraries make on their properties. Nothing here opens a catalog, a client
 * or a connection, and no secret value is ever part of an error.
 */
public final class ConfigurationCheck {
  private ConfigurationCheck() {}

  public static List<ConfigError> check(ConfigurationSources sources) {
    // Libraries announce themselves at INFO; before the service's logging is set up that would
    // be printed among the errors.
    Logger.getLogger("org.hibernate.validator").setLevel(Level.WARNING);
    Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
    ConfigErrors errors = new ConfigErrors();
    sources.errors().forEach(error -> errors.add(error.key(), error.message()));
    ConfigMappingPass.Result mapped = ConfigMappingPass.run(sources, errors);
    mapped
        .config()
        .ifPresent(
            config -> {
              BeanValidationPass.run(config, errors);
              CatalogRules.check(config.catalog(), errors);
              MaintenanceRules.check(config.maintenance(), errors);
              PipelineRules.check(config.pipelines(), errors);
              SecurityCheck.errors(config.security()).forEach(error -> addKeyed(error, errors));
            });
    return errors.list(mapped.secretValues());
  }

  /** Adds an error written as {@code key: message}. */
  private static void addKeyed(String error, ConfigErrors errors) {
    int colon = error.indexOf(": ");
    errors.add(error.substring(0, colon), error.substring(colon + 2));
  }

  /** The errors as one block of text, one line per error. */
  public static String report(List<ConfigError> errors) {
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "Invalid configuration: %d error%s%n", errors.size(), errors.size() == 1 ? "" : "s"));
    for (ConfigError error : errors) {
      report.append("  - ").append(error).append(System.lineSeparator());
    }
    return report.toString();
  }
}
