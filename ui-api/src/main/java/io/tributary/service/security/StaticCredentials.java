package io.tributary.service.security;

import static java.util.Objects.requireNonNull;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import java.util.Optional;

/**
 * Credentials checked against the configured static tokens or users: a bearer token (no user) or a
 * user name and password. Its own type, so that no other identity provider (OIDC's takes every
 * bearer token) sees it.
 */
final class StaticCredentials extends BaseAuthenticationRequest {
  private final Optional<String> user;
  private final String secret;

  private StaticCredentials(Optional<String> user, String secret) {
    this.user = requireNonNull(user, "user is null");
    this.secret = requireNonNull(secret, "secret is null");
  }

  static StaticCredentials token(String token) {
    return new StaticCredentials(Optional.empty(), token);
  }

  static StaticCredentials password(String user, String password) {
    return new StaticCredentials(Optional.of(user), password);
  }

  Optional<String> user() {
    return user;
  }

  String secret() {
    return secret;
  }

  @Override
  public String toString() {
    // Never the secret: requests can end up in debug logs.
    return "StaticCredentials[" + user.orElse("bearer token") + "]";
  }
}
