package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Who may use the admin API and the web UI. There is no default mode: a service that says nothing
 * about security does not start, so nobody runs an open admin API by accident.
 */
public interface SecurityConfig {
  /**
   * {@code token} (static bearer tokens), {@code basic} (static users and passwords), {@code oidc}
   * (bearer tokens from an OpenID Connect provider) or {@code none} (no authentication: anyone who
   * reaches the port reads every payload; logged loudly and shown in the UI).
   */
  Optional<SecurityMode> mode();

  /** Static bearer tokens, for {@code mode: token}. */
  List<TokenConfig> tokens();

  /** Static users, for {@code mode: basic}. */
  List<UserConfig> users();

  /** The OpenID Connect provider, for {@code mode: oidc}. */
  OidcSettings oidc();

  /**
   * Whether {@code /q/metrics} needs credentials (any role). Off by default, as Prometheus scrapes
   * without them; metrics carry pipeline and table names and counters, never payloads or secrets.
   */
  @WithDefault("false")
  boolean metricsAuthenticated();

  /** What a caller may do. */
  enum SecurityMode {
    TOKEN,
    BASIC,
    OIDC,
    NONE
  }

  /** The roles the admin API knows, lowest first. */
  enum Role {
    /** Sees pipelines, tables, schemas, counters, and dead letters without their payloads. */
    VIEWER,
    /** Also sees dead-letter payloads and keys, and may call mutating endpoints. */
    OPERATOR;

    /** The name used in tokens, user entries and OIDC role claims. */
    public String roleName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One static bearer token. */
  interface TokenConfig {
    /** Who holds the token, for logs and the UI; never the token itself. */
    String name();

    /** The token; at least 16 characters. Put it in an environment variable, not in the file. */
    String token();

    /** {@code viewer} or {@code operator}. */
    Role role();
  }

  /** One static user for HTTP basic authentication. */
  interface UserConfig {
    /** The user name. */
    String name();

    /** The password, in plain text; put it in an environment variable, not in the file. */
    String password();

    /** {@code viewer} or {@code operator}. */
    Role role();
  }

  /** An OpenID Connect provider whose access tokens the API accepts. */
  interface OidcSettings {
    /** The provider's base URL, for example {@code https://idp.example.com/realms/lake}. */
    Optional<String> authServerUrl();

    /** This service's client id at the provider; tokens must name it when set. */
    Optional<String> clientId();

    /**
     * Where the roles are in the token, a {@code /}-separated claim path, for example {@code
     * groups} or {@code realm_access/roles}; their values must be {@code viewer} or {@code
     * operator}.
     */
    @WithDefault("groups")
    String roleClaimPath();
  }
}
