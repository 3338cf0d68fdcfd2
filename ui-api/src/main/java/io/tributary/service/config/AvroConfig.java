package io.tributary.service.config;

import java.util.Optional;

/** Where Avro writer schemas come from; exactly one of the two. */
public interface AvroConfig {
  /**
   * A Confluent-compatible schema registry; records are in the Confluent wire format (magic byte 0,
   * a 4-byte schema id, the datum) and schemas are fetched by id and cached.
   */
  Optional<String> registryUrl();

  /** The writer schema of every record (Avro JSON), for plain binary Avro without a registry. */
  Optional<String> schema();

  /** Credentials for the registry; anonymous without them. */
  RegistryAuth registryAuth();

  /** Which certificates to trust for an {@code https} registry; the JVM's defaults without. */
  RegistryTls registryTls();

  /** Basic or bearer authentication to the registry; at most one. */
  interface RegistryAuth {
    /** HTTP basic auth as {@code user:password}. */
    Optional<String> userInfo();

    /** A token sent as {@code Authorization: Bearer <token>}. */
    Optional<String> bearerToken();
  }

  /** A custom certificate authority for the registry: a PEM file or a trust store, not both. */
  interface RegistryTls {
    /** A PEM file of certificates to trust instead of the JVM's default authorities. */
    Optional<String> caFile();

    /** A PKCS12 or JKS trust store to trust instead of the JVM's default authorities. */
    Optional<String> trustStore();

    /** The trust store's password, if it has one. */
    Optional<String> trustStorePassword();

    /** The trust store's type; PKCS12 unless given. */
    Optional<String> trustStoreType();
  }
}
