package io.tributary.service.rest;

import io.tributary.ingest.PipelineStatus;
import io.tributary.service.pipeline.PipelineSupervisor;
import io.tributary.service.security.SecretValues;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The pipelines and how far each has got. */
@Path("/api/v1/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {
  private final PipelineSupervisor supervisor;
  private final SecretValues secrets;

  PipelinesResource(PipelineSupervisor supervisor, SecretValues secrets) {
    this.supervisor = supervisor;
    this.secrets = secrets;
  }

  @GET
  @Operation(summary = "List pipelines with their live counters")
  public List<PipelineView> list() {
    return supervisor.statuses().entrySet().stream()
        .map(entry -> PipelineView.of(entry.getKey(), entry.getValue(), secrets))
        .toList();
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "One pipeline with its live counters")
  public PipelineView get(@PathParam("name") String name) {
    PipelineStatus status = supervisor.statuses().get(name);
    if (status == null) {
      throw new NotFoundException("No pipeline named '" + name + "'");
    }
    return PipelineView.of(name, status, secrets);
  }
}
