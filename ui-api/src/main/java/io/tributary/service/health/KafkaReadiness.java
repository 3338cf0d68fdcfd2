package io.tributary.service.health;

import io.tributary.ingest.kafka.KafkaProbe;
import io.tributary.service.config.TributaryConfig;
import io.tributary.service.pipeline.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every pipeline's brokers answer, reached with the pipeline's own client
 * properties (security included), as its consumer reaches them.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final TributaryConfig config;

  KafkaReadiness(TributaryConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka").up();
    config
        .pipelines()
        .forEach(
            (name, pipeline) -> {
              if (pipeline.source().kafka().isEmpty()) {
                return;
              }
              KafkaProbe probe =
                  new KafkaProbe(KafkaClients.settings(pipeline.source().kafka().get()), TIMEOUT);
              try {
                response.withData(name, "cluster " + probe.check());
              } catch (ExecutionException | TimeoutException | RuntimeException e) {
                response.down().withData(name, probe.describe(e));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.down().withData(name, "interrupted");
              }
            });
    return response.build();
  }
}
