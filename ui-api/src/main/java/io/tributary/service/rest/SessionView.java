package io.tributary.service.rest;

import io.tributary.service.security.Caller;
import java.util.List;
import java.util.Locale;

/**
 * Who the caller is to the service, for the UI: its name and roles, whether it may see payloads,
 * and whether authentication is off altogether.
 */
public record SessionView(
    String mode,
    String user,
    List<String> roles,
    boolean payloadsVisible,
    boolean authenticationOff) {
  static SessionView of(Caller caller) {
    String mode = caller.mode().name().toLowerCase(Locale.ROOT);
    return new SessionView(
        mode,
        caller.name().orElse(null),
        caller.roles().stream().sorted().toList(),
        caller.seesPayloads(),
        mode.equals("none"));
  }
}
