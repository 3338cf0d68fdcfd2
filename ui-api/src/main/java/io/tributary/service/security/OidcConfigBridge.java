package io.tributary.service.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Locale;
import java.util.Map;

/**
 * Derives Quarkus's OIDC settings from {@code tributary.security}, so the user configures one
 * place: the OIDC tenant is on exactly when {@code mode} is {@code oidc} (in every other mode the
 * service never reaches an OIDC provider, at start-up or later), and the provider URL, client id
 * and role claim path come from {@code tributary.security.oidc}. A {@code quarkus.oidc.*} key the
 * user sets still wins over the derived value, except the tenant switch.
 */
public final class OidcConfigBridge implements ConfigSourceInterceptor {
  private static final long serialVersionUID = 1L;
  private static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
  private static final Map<String, String> DERIVED =
      Map.of(
          "quarkus.oidc.auth-server-url", "tributary.security.oidc.auth-server-url",
          "quarkus.oidc.client-id", "tributary.security.oidc.client-id",
          "quarkus.oidc.roles.role-claim-path", "tributary.security.oidc.role-claim-path");

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    if (name.equals(TENANT_ENABLED)) {
      ConfigValue mode = context.proceed("tributary.security.mode");
      boolean oidc =
          mode != null
              && mode.getValue() != null
              && mode.getValue().trim().toLowerCase(Locale.ROOT).equals("oidc");
      return ConfigValue.builder()
          .withName(name)
          .withValue(Boolean.toString(oidc))
          .withConfigSourceName("tributary.security.mode")
          .build();
    }
    String source = DERIVED.get(name);
    if (source != null) {
      ConfigValue own = context.proceed(name);
      if (own != null) {
        return own;
      }
      ConfigValue derived = context.proceed(source);
      return derived == null ? null : derived.withName(name);
    }
    return context.proceed(name);
  }
}
