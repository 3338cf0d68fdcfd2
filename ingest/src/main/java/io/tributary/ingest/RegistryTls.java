package io.tributary.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context for a schema registry whose certificate a custom authority signed. */
final class RegistryTls {
  private RegistryTls() {}

  /** Empty when the JVM's default trust applies. */
  static Optional<SSLContext> context(RegistryAccess access) {
    Optional<KeyStore> trusted;
    if (access.caFile().isPresent()) {
      trusted = Optional.of(fromPem(access.caFile().get()));
    } else if (access.trustStore().isPresent()) {
      trusted = Optional.of(load(access));
    } else {
      trusted = Optional.empty();
    }
    return trusted.map(RegistryTls::context);
  }

  private static KeyStore fromPem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      if (index == 0) {
        throw new IllegalArgumentException("CA file " + file + " holds no PEM certificate");
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the CA file " + file + ": " + e, e);
    }
  }

  private static KeyStore load(RegistryAccess access) {
    Path file = access.trustStore().orElseThrow();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(access.trustStoreType().orElse("PKCS12"));
      store.load(in, access.trustStorePassword().map(String::toCharArray).orElse(null));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      // The exception names the file and the failure, never the password.
      throw new IllegalArgumentException("cannot read the trust store " + file + ": " + e, e);
    }
  }

  private static SSLContext context(KeyStore trusted) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the schema registry: " + e, e);
    }
  }
}
