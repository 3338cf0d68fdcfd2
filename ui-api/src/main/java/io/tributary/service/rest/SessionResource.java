package io.tributary.service.rest;

import io.tributary.service.security.Callers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's own session: the UI asks it first, to sign in and to choose what to show. */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
  private final Callers callers;

  SessionResource(Callers callers) {
    this.callers = callers;
  }

  @GET
  @Operation(summary = "Who the caller is: user name, roles, whether payloads are visible")
  public SessionView session() {
    return SessionView.of(callers.current());
  }
}
