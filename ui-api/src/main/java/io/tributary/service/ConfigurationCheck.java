package io.tributary.service;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.tributary.service.config.TributaryConfig;
import io.tributary.service.pipeline.PipelineSupervisor;
import jakarta.inject.Inject;

/**
 * The {@code validate} command. By the time it runs, Quarkus has mapped and validated {@code
 * tributary.*} (failing with every error listed); this adds the checks that need the pipelines'
 * plans: routes, table names, partition transforms, sources.
 */
class ConfigurationCheck implements QuarkusApplication {
  @Inject TributaryConfig config;

  @Override
  @SuppressWarnings("checkstyle:regexp")
  public int run(String... args) {
    try {
      PipelineSupervisor.validate(config);
      System.out.printf("Configuration is valid: %d pipeline(s)%n", config.pipelines().size());
      return 0;
    } catch (ConfigurationException e) {
      System.out.println(e.getMessage());
      return 1;
    }
  }
}
