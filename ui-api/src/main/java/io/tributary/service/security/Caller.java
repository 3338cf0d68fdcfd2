package io.tributary.service.security;

import static java.util.Objects.requireNonNull;

import io.tributary.service.config.SecurityConfig.Role;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import java.util.Optional;
import java.util.Set;

/** Who is calling, as far as the API's answers depend on it. */
public record Caller(SecurityMode mode, Optional<String> name, Set<String> roles) {
  public Caller {
    requireNonNull(mode, "mode is null");
    requireNonNull(name, "name is null");
    roles = Set.copyOf(roles);
  }

  /** Operators see dead-letter values and keys; with authentication off, everyone does. */
  public boolean seesPayloads() {
    return mode == SecurityMode.NONE || roles.contains(Role.OPERATOR.roleName());
  }
}
