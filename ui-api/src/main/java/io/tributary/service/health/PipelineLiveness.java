package io.tributary.service.health;

import io.tributary.ingest.PipelineStatus;
import io.tributary.service.pipeline.PipelineSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/** Live while every pipeline loop made progress recently; a stuck loop needs a restart. */
@Liveness
@ApplicationScoped
public class PipelineLiveness implements HealthCheck {
  private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

  private final PipelineSupervisor supervisor;

  PipelineLiveness(PipelineSupervisor supervisor) {
    this.supervisor = supervisor;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("pipelines").up();
    Instant stuckBefore = Instant.now().minus(STUCK_AFTER);
    supervisor
        .statuses()
        .forEach(
            (name, status) -> {
              response.withData(name, status.state().name());
              boolean looping =
                  status.state() == PipelineStatus.State.RUNNING
                      || status.state() == PipelineStatus.State.DEGRADED
                      || status.state() == PipelineStatus.State.RETRYING;
              if (looping && status.lastProgress().isBefore(stuckBefore)) {
                response.down().withData(name, "no progress since " + status.lastProgress());
              }
            });
    return response.build();
  }
}
