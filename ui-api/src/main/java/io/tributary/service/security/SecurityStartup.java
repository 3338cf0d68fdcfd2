package io.tributary.service.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.tributary.service.config.SecurityConfig;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import io.tributary.service.config.TributaryConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses to start with an unsound security configuration, before any pipeline starts, and says at
 * start-up how the admin API is protected; loudly when it is not.
 */
@ApplicationScoped
class SecurityStartup {
  private static final Logger LOG = Logger.getLogger(SecurityStartup.class);

  void onStart(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
      TributaryConfig config) {
    // The offline check in TributaryMain refuses these before Quarkus starts; this guards any
    // other way of starting the application.
    SecurityConfig security = config.security();
    List<String> errors = SecurityCheck.errors(security);
    if (!errors.isEmpty()) {
      throw new ConfigurationException(
          "Invalid Tributary configuration:\n  - " + String.join("\n  - ", errors));
    }
    SecurityMode mode = security.mode().orElseThrow();
    switch (mode) {
      case NONE ->
          LOG.warn(
              "AUTHENTICATION IS OFF (tributary.security.mode: none): anyone who can reach this"
                  + " port reads every pipeline, table and dead-letter payload and may call every"
                  + " endpoint. Use it only on a trusted machine.");
      case TOKEN ->
          LOG.infof(
              "Admin API and UI: static bearer tokens for %s",
              security.tokens().stream()
                  .map(token -> token.name() + " (" + token.role().roleName() + ")")
                  .toList());
      case BASIC ->
          LOG.infof(
              "Admin API and UI: basic authentication for %s",
              security.users().stream()
                  .map(user -> user.name() + " (" + user.role().roleName() + ")")
                  .toList());
      case OIDC ->
          LOG.infof(
              "Admin API and UI: OpenID Connect bearer tokens from %s, roles from the claim %s",
              security.oidc().authServerUrl().orElseThrow(), security.oidc().roleClaimPath());
      default -> throw new IllegalStateException("unknown security mode " + mode);
    }
    if (mode != SecurityMode.NONE) {
      LOG.infof(
          "/q/health is open; /q/metrics %s",
          security.metricsAuthenticated()
              ? "needs credentials"
              : "is open (tributary.security.metrics-authenticated: false)");
    }
  }
}
