package io.tributary.service.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import io.tributary.service.config.TributaryConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} in token mode and {@code Authorization: Basic ...} in
 * basic mode, and hands them to {@link StaticCredentialsProvider}. In the other modes it steps
 * aside (OIDC has its own mechanism).
 */
@ApplicationScoped
public class StaticCredentialsMechanism implements HttpAuthenticationMechanism {
  private static final String REALM = "tributary";

  private final Optional<SecurityMode> mode;

  StaticCredentialsMechanism(TributaryConfig config) {
    this.mode = config.security().mode();
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    if (mode.isEmpty() || (mode.get() != SecurityMode.TOKEN && mode.get() != SecurityMode.BASIC)) {
      return Uni.createFrom().nullItem();
    }
    String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
    if (header == null) {
      return Uni.createFrom().nullItem();
    }
    Optional<StaticCredentials> credentials = parse(mode.get(), header);
    if (credentials.isEmpty()) {
      return Uni.createFrom().failure(new AuthenticationFailedException());
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(credentials.get(), context));
  }

  static Optional<StaticCredentials> parse(SecurityMode mode, String header) {
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String value = header.substring(space + 1).trim();
    if (mode == SecurityMode.TOKEN && scheme.equals("bearer") && !value.isEmpty()) {
      return Optional.of(StaticCredentials.token(value));
    }
    if (mode == SecurityMode.BASIC && scheme.equals("basic")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        return Optional.of(
            StaticCredentials.password(decoded.substring(0, colon), decoded.substring(colon + 1)));
      }
    }
    return Optional.empty();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    if (mode.isEmpty() || mode.get() == SecurityMode.TOKEN) {
      return Uni.createFrom()
          .item(
              new ChallengeData(
                  HttpResponseStatus.UNAUTHORIZED.code(),
                  HttpHeaderNames.WWW_AUTHENTICATE,
                  "Bearer realm=\"" + REALM + "\""));
    }
    if (mode.get() == SecurityMode.BASIC) {
      return Uni.createFrom()
          .item(
              new ChallengeData(
                  HttpResponseStatus.UNAUTHORIZED.code(),
                  HttpHeaderNames.WWW_AUTHENTICATE,
                  "Basic realm=\"" + REALM + "\", charset=\"UTF-8\""));
    }
    return Uni.createFrom().nullItem();
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(StaticCredentials.class);
  }

  @Override
  public int getPriority() {
    // Before OIDC's mechanism, which would otherwise take a static bearer token for a JWT.
    return DEFAULT_PRIORITY + 1000;
  }
}
