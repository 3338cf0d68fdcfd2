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
}
