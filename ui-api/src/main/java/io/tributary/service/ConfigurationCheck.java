package io.tributary.service;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.tributary.service.config.TributaryConfig;
import io.tributary.service.pipeline.PipelineSupervisor;
import io.tributary.service.security.SecretValues;
import io.tributary.service.security.SecurityCheck;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The {@code validate} command. By the time it runs, Quarkus has mapped and validated {@code
 * tributary.*} (failing with every error listed); this adds the checks that need the pipelines'
 * plans: routes, table names, partition transforms, sources.
 */
class ConfigurationCheck implements QuarkusApplication {
  @Inject TributaryConfig config;
  @Inject SecretValues secrets;

  @Override
  @SuppressWarnings("checkstyle:regexp")
  public int run(String... args) {
    List<String> securityErrors = SecurityCheck.errors(config.security());
    try {
      PipelineSupervisor.validate(config);
      if (!securityErrors.isEmpty()) {
        System.out.println(
            "Invalid Tributary configuration:\n  - " + String.join("\n  - ", securityErrors));
        return 1;
      }
      System.out.printf("Configuration is valid: %d pipeline(s)%n", config.pipelines().size());
      return 0;
    } catch (ConfigurationException e) {
      StringBuilder message = new StringBuilder(e.getMessage());
      securityErrors.forEach(error -> message.append("\n  - ").append(error));
      System.out.println(secrets.redact(message.toString()));
      return 1;
    }
  }
}
