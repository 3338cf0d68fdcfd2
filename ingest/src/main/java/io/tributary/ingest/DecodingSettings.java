package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * How record values are encoded.
 *
 * @param registry for Avro in the Confluent wire format (magic byte 0, 4-byte schema id): the
 *     schema registry to fetch writer schemas from ({@code GET /schemas/ids/{id}})
 * @param fixedSchema for plain Avro: the writer schema of every record, as Avro JSON
 * @param registryAccess credentials and trusted certificates for the registry
 */
public record DecodingSettings(
    Format format,
    Optional<URI> registry,
    Optional<String> fixedSchema,
    RegistryAccess registryAccess) {
  public DecodingSettings {
    requireNonNull(format, "format is null");
    requireNonNull(registry, "registry is null");
    requireNonNull(fixedSchema, "fixedSchema is null");
    requireNonNull(registryAccess, "registryAccess is null");
    if (format == Format.AVRO && registry.isEmpty() == fixedSchema.isEmpty()) {
      throw new IllegalArgumentException(
          "avro needs exactly one of a registry URL (Confluent wire format) or a fixed schema");
    }
  }

  /** Anonymous access to the registry, if there is one. */
  public DecodingSettings(Format format, Optional<URI> registry, Optional<String> fixedSchema) {
    this(format, registry, fixedSchema, RegistryAccess.anonymous());
  }

  public static DecodingSettings json() {
    return new DecodingSettings(Format.JSON, Optional.empty(), Optional.empty());
  }

  /** The encodings Tributary reads. */
  public enum Format {
    JSON,
    AVRO
  }
}
