package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * How Tributary authenticates to a schema registry and which certificates it trusts for the
 * registry's TLS. Without any of these it reaches the registry anonymously and trusts the JVM's
 * default certificate authorities.
 *
 * @param userInfo HTTP basic auth as {@code user:password}
 * @param bearerToken sent as {@code Authorization: Bearer <token>}
 * @param caFile PEM certificates trusted instead of the JVM's default authorities
 * @param trustStore a key store (PKCS12 or JKS) of certificates trusted instead of the defaults
 * @param trustStorePassword the trust store's password, if it has one
 * @param trustStoreType the trust store's type, {@code PKCS12} unless given
 */
public record RegistryAccess(
    Optional<String> userInfo,
    Optional<String> bearerToken,
    Optional<Path> caFile,
    Optional<Path> trustStore,
    Optional<String> trustStorePassword,
    Optional<String> trustStoreType) {
  public RegistryAccess {
    requireNonNull(userInfo, "userInfo is null");
    requireNonNull(bearerToken, "bearerToken is null");
    requireNonNull(caFile, "caFile is null");
    requireNonNull(trustStore, "trustStore is null");
    requireNonNull(trustStorePassword, "trustStorePassword is null");
    requireNonNull(trustStoreType, "trustStoreType is null");
    if (userInfo.isPresent() && bearerToken.isPresent()) {
      throw new IllegalArgumentException("give user-info or bearer-token, not both");
    }
    if (userInfo.isPresent() && userInfo.get().indexOf(':') < 1) {
      // The value itself is a secret: it is not repeated here.
      throw new IllegalArgumentException("user-info must be user:password");
    }
    if (caFile.isPresent() && trustStore.isPresent()) {
      throw new IllegalArgumentException("give ca-file or trust-store, not both");
    }
    if (trustStore.isEmpty() && (trustStorePassword.isPresent() || trustStoreType.isPresent())) {
      throw new IllegalArgumentException("trust-store-password and -type need a trust-store");
    }
  }

  /** Anonymous, with the JVM's default trust. */
  public static RegistryAccess anonymous() {
    return new RegistryAccess(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The {@code Authorization} header value, when credentials are configured. */
  Optional<String> authorization() {
    return userInfo
        .map(
            info ->
                "Basic "
                    + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
        .or(() -> bearerToken.map(token -> "Bearer " + token));
  }

  /** Which credentials are configured, in words for error messages; never the values. */
  String describeCredentials() {
    if (userInfo.isPresent()) {
      return "basic auth as " + userInfo.get().substring(0, userInfo.get().indexOf(':'));
    }
    return bearerToken.isPresent() ? "a bearer token" : "no credentials";
  }

  /** Credentials and passwords are secrets: only whether they are set is shown. */
  @Override
  public String toString() {
    return "RegistryAccess["
        + describeCredentials()
        + ", caFile="
        + caFile.map(Path::toString).orElse("-")
        + ", trustStore="
        + trustStore.map(Path::toString).orElse("-")
        + "]";
  }
}
