package io.tributary.service.health;

import io.tributary.ingest.kafka.KafkaProbe;
import io.tributary.service.config.TributaryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every pipeline's brokers answer. */
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
              String servers = pipeline.source().kafka().get().bootstrapServers();
              try {
                response.withData(name, "cluster " + new KafkaProbe(servers, TIMEOUT).check());
              } catch (ExecutionException | TimeoutException | RuntimeException e) {
                response.down().withData(name, "unreachable at " + servers + ": " + e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.down().withData(name, "interrupted");
              }
            });
    return response.build();
  }
}
