package io.tributary.service.rest;

import io.tributary.service.maintenance.MaintenanceReport;
import io.tributary.service.maintenance.TableMaintenance;
import io.tributary.service.pipeline.PipelineSupervisor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The tables the pipelines write, and their maintenance. */
@Path("/api/v1/tables")
@Produces(MediaType.APPLICATION_JSON)
public class TablesResource {
  private final PipelineSupervisor supervisor;
  private final TableMaintenance maintenance;

  TablesResource(PipelineSupervisor supervisor, TableMaintenance maintenance) {
    this.supervisor = supervisor;
    this.maintenance = maintenance;
  }

  @GET
  @Operation(summary = "List the tables the pipelines write, as namespace.table")
  public List<String> list() {
    return supervisor.tables().stream().map(TableIdentifier::toString).toList();
  }

  @GET
  @Path("/{table}/maintenance")
  @Operation(summary = "Compaction and expiry of one table since the service started")
  public MaintenanceReport maintenance(@PathParam("table") String table) {
    TableIdentifier identifier = TableIdentifier.parse(table);
    if (!supervisor.tables().contains(identifier)) {
      throw new NotFoundException("No pipeline writes a table named '" + table + "'");
    }
    return maintenance.report(identifier).orElse(MaintenanceReport.initial(table));
  }
}
