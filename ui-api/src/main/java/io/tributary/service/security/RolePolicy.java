package io.tributary.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.tributary.service.config.SecurityConfig.Role;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import io.tributary.service.config.TributaryConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one authorization rule of the service, applied to every path ({@code
 * quarkus.http.auth.permission.tributary} in application.yaml). A request without credentials that
 * is denied gets a 401 with the sign-in challenge; one with credentials but too low a role, a 403.
 */
@ApplicationScoped
public class RolePolicy implements HttpSecurityPolicy {
  private final AccessRules rules;

  RolePolicy(TributaryConfig config) {
    // Without a mode the service refuses to start (SecurityCheck); until then nothing is open.
    this.rules =
        new AccessRules(
            config.security().mode().orElse(SecurityMode.TOKEN),
            config.security().metricsAuthenticated());
  }

  @Override
  public Uni<CheckResult> checkPermission(
      RoutingContext request,
      Uni<SecurityIdentity> identity,
      AuthorizationRequestContext requestContext) {
    Access access = rules.access(request.normalizedPath(), request.request().method().name());
    if (access == Access.OPEN) {
      return Uni.createFrom().item(CheckResult.PERMIT);
    }
    return identity.map(caller -> allows(caller, access) ? CheckResult.PERMIT : CheckResult.DENY);
  }

  private static boolean allows(SecurityIdentity caller, Access access) {
    if (caller.isAnonymous()) {
      return false;
    }
    boolean operator = caller.hasRole(Role.OPERATOR.roleName());
    return operator || (access == Access.VIEWER && caller.hasRole(Role.VIEWER.roleName()));
  }

  @Override
  public String name() {
    return "tributary";
  }
}
