package io.tributary.service.rest;

import io.tributary.ingest.DriftEvent;
import io.tributary.service.maintenance.MaintenanceReport;
import io.tributary.service.maintenance.TableMaintenance;
import io.tributary.service.pipeline.PipelineSupervisor;
import io.tributary.service.schema.TableSchemas;
import io.tributary.service.security.SecretValues;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The tables the pipelines write, and their maintenance. */
@Path("/api/v1/tables")
@Produces(MediaType.APPLICATION_JSON)
public class TablesResource {
  private static final int MAX_PAGE_SIZE = 500;

  private final PipelineSupervisor supervisor;
  private final TableMaintenance maintenance;
  private final TableSchemas schemas;
  private final SecretValues secrets;

  TablesResource(
      PipelineSupervisor supervisor,
      TableMaintenance maintenance,
      TableSchemas schemas,
      SecretValues secrets) {
    this.supervisor = supervisor;
    this.maintenance = maintenance;
    this.schemas = schemas;
    this.secrets = secrets;
  }

  @GET
  @Operation(summary = "List the tables the pipelines write, as namespace.table")
  public List<String> list() {
    return supervisor.tables().stream().map(TableIdentifier::toString).toList();
  }

  @GET
  @Path("/{table}/schemas")
  @Operation(
      summary = "The table's schemas, oldest first, each with its changes from the one before")
  public List<SchemaVersionView> schemas(@PathParam("table") String table) {
    return schemas.timeline(pipelineTable(table)).stream().map(SchemaVersionView::of).toList();
  }

  @GET
  @Path("/{table}/schemas/{from}/diff/{to}")
  @Operation(summary = "Fields added, promoted and made optional between two schema ids")
  public SchemaDiffView diff(
      @PathParam("table") String table, @PathParam("from") int from, @PathParam("to") int to) {
    return schemas
        .diff(pipelineTable(table), from, to)
        .map(changes -> SchemaDiffView.of(from, to, changes))
        .orElseThrow(
            () ->
                new NotFoundException("Table '" + table + "' has no schema " + from + " or " + to));
  }

  @GET
  @Path("/{table}/drift-events")
  @Operation(
      summary = "Schema changes from the drift ledger, oldest first, paged",
      description =
          "field: only events touching this normalized path or a field inside it;"
              + " since/until: ISO-8601 instants")
  public DriftEventView.Page driftEvents(
      @PathParam("table") String table,
      @QueryParam("field") String field,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
    }
    List<DriftEvent> events =
        schemas.driftEvents(
            pipelineTable(table),
            Optional.ofNullable(field),
            instant("since", since),
            instant("until", until));
    int fromIndex = (int) Math.min((long) page * size, events.size());
    int toIndex = Math.min(fromIndex + size, events.size());
    return new DriftEventView.Page(
        page,
        size,
        events.size(),
        events.subList(fromIndex, toIndex).stream().map(DriftEventView::of).toList());
  }

  @GET
  @Path("/{table}/fields")
  @Operation(
      summary =
          "Per-field profiles since the service started: presence and null ratios, JSON types,"
              + " approximate distinct count, ranges, rescues")
  public List<FieldProfileDto> fields(@PathParam("table") String table) {
    return schemas.fields(pipelineTable(table)).orElse(List.of()).stream()
        .map(FieldProfileDto::of)
        .toList();
  }

  private TableIdentifier pipelineTable(String table) {
    TableIdentifier identifier = TableIdentifier.parse(table);
    if (!schemas.isPipelineTable(identifier)) {
      throw new NotFoundException("No pipeline writes a table named '" + table + "'");
    }
    return identifier;
  }

  private static Optional<Instant> instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new BadRequestException(name + " must be an ISO-8601 instant: " + value);
    }
  }

  @GET
  @Path("/{table}/maintenance")
  @Operation(summary = "Compaction and expiry of one table since the service started")
  public MaintenanceReport maintenance(@PathParam("table") String table) {
    TableIdentifier identifier = TableIdentifier.parse(table);
    if (!supervisor.tables().contains(identifier)) {
      throw new NotFoundException("No pipeline writes a table named '" + table + "'");
    }
    return maintenance
        .report(identifier)
        .orElse(MaintenanceReport.initial(table))
        .withLastError(secrets::redact);
  }
}
