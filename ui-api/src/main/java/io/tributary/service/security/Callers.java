package io.tributary.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tributary.service.config.SecurityConfig.Role;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import io.tributary.service.config.TributaryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The caller of the current request. */
@ApplicationScoped
public class Callers {
  private static final Set<String> KNOWN_ROLES =
      Set.of(Role.VIEWER.roleName(), Role.OPERATOR.roleName());

  private final SecurityMode mode;
  private final SecurityIdentity identity;

  Callers(TributaryConfig config, SecurityIdentity identity) {
    this.mode = config.security().mode().orElse(SecurityMode.TOKEN);
    this.identity = identity;
  }

  /** The caller of the request being served. */
  public Caller current() {
    if (identity.isAnonymous()) {
      return new Caller(mode, Optional.empty(), Set.of());
    }
    return new Caller(
        mode,
        Optional.of(identity.getPrincipal().getName()),
        identity.getRoles().stream().filter(KNOWN_ROLES::contains).collect(Collectors.toSet()));
  }
}
