package io.tributary.service.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tributary.service.config.SecurityConfig;
import io.tributary.service.config.SecurityConfig.Role;
import io.tributary.service.config.TributaryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Checks static credentials against {@code tributary.security.tokens} or {@code users}. Secrets are
 * compared as SHA-256 digests with a constant-time comparison, over every entry, so neither a
 * secret's length nor how much of it matched shows in the response time.
 */
@ApplicationScoped
public class StaticCredentialsProvider implements IdentityProvider<StaticCredentials> {
  private final List<Entry> tokens;
  private final List<Entry> users;

  StaticCredentialsProvider(TributaryConfig config) {
    SecurityConfig security = config.security();
    this.tokens =
        security.tokens().stream()
            .map(token -> new Entry(token.name(), digest(token.token()), token.role()))
            .toList();
    this.users =
        security.users().stream()
            .map(user -> new Entry(user.name(), digest(user.password()), user.role()))
            .toList();
  }

  @Override
  public Class<StaticCredentials> getRequestType() {
    return StaticCredentials.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      StaticCredentials request, AuthenticationRequestContext context) {
    Optional<Entry> match = match(request);
    if (match.isEmpty()) {
      return Uni.createFrom().failure(new AuthenticationFailedException());
    }
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(match.get().name()))
                .addRole(match.get().role().roleName())
                .build());
  }

  private Optional<Entry> match(StaticCredentials request) {
    byte[] offered = digest(request.secret());
    Entry found = null;
    for (Entry entry : request.user().isPresent() ? users : tokens) {
      boolean secretMatches = MessageDigest.isEqual(entry.secretDigest(), offered);
      boolean nameMatches = request.user().map(entry.name()::equals).orElse(true);
      if (secretMatches && nameMatches && found == null) {
        found = entry;
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private record Entry(String name, byte[] secretDigest, Role role) {}
}
