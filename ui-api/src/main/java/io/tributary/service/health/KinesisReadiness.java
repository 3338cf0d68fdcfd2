package io.tributary.service.health;

import io.tributary.ingest.kinesis.KinesisProbe;
import io.tributary.service.config.TributaryConfig;
import io.tributary.service.pipeline.KinesisSources;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every Kinesis pipeline's stream can be described. */
@Readiness
@ApplicationScoped
public class KinesisReadiness implements HealthCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final TributaryConfig config;

  KinesisReadiness(TributaryConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("kinesis").up();
    config
        .pipelines()
        .forEach(
            (name, pipeline) ->
                KinesisSources.settings(name, pipeline)
                    .ifPresent(
                        settings -> {
                          try {
                            response.withData(name, new KinesisProbe(settings, TIMEOUT).check());
                          } catch (RuntimeException e) {
                            response.down().withData(name, e.getMessage());
                          }
                        }));
    return response.build();
  }
}
