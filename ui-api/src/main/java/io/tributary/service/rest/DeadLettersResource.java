package io.tributary.service.rest;

import io.tributary.ingest.DeadLetterReader;
import io.tributary.service.pipeline.PipelineSupervisor;
import io.tributary.service.security.Callers;
import io.tributary.service.security.SecretValues;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The newest dead letters of a pipeline, read from its dead-letter table. */
@Path("/api/v1/pipelines/{name}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
  private final PipelineSupervisor supervisor;
  private final Catalog catalog;
  private final Callers callers;
  private final SecretValues secrets;

  DeadLettersResource(
      PipelineSupervisor supervisor, Catalog catalog, Callers callers, SecretValues secrets) {
    this.supervisor = supervisor;
    this.catalog = catalog;
    this.callers = callers;
    this.secrets = secrets;
  }

  @GET
  @Operation(
      summary = "The newest dead letters of a pipeline, newest first",
      description =
          "Operators see the start of each raw value and the record key; viewers see the"
              + " coordinates and the error only (payloadHidden: true).")
  public List<DeadLetterView> newest(
      @PathParam("name") String name,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit,
      @QueryParam("hours") @DefaultValue("24") @Min(1) @Max(24 * 366) int hours) {
    TableIdentifier table =
        supervisor
            .deadLetterTable(name)
            .orElseThrow(() -> new NotFoundException("No pipeline named '" + name + "'"));
    boolean payloadVisible = callers.current().seesPayloads();
    try {
      return new DeadLetterReader(catalog.loadTable(table))
          .newest(Instant.now().minus(Duration.ofHours(hours)), limit).stream()
              .map(row -> DeadLetterView.of(row, payloadVisible))
              .map(view -> view.withErrorMessage(secrets.redact(view.errorMessage())))
              .toList();
    } catch (NoSuchTableException noDeadLettersYet) {
      return List.of();
    }
  }
}
