package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * A Kinesis source, read with the Kinesis Client Library (leases in DynamoDB, so replicas share the
 * shards). Credentials come from the AWS default provider chain.
 */
public interface KinesisConfig {
  /** The stream name. */
  @NotBlank
  @Pattern(regexp = "[a-zA-Z0-9_.-]{1,128}", message = "must be a Kinesis stream name")
  String stream();

  /** The region of the stream and of the lease table. */
  @NotBlank
  String region();

  /** A Kinesis endpoint instead of the region's, for example an emulator. */
  Optional<String> endpoint();

  /** A DynamoDB endpoint for the lease table instead of the region's. */
  Optional<String> dynamodbEndpoint();

  /** The KCL application, which names the lease table; defaults to {@code tributary-<pipeline>}. */
  Optional<String> applicationName();

  /**
   * Where shards that no table has a position for, and the KCL has no checkpoint for, start: {@code
   * trim-horizon}, {@code latest} or {@code at-timestamp}.
   */
  @WithDefault("trim-horizon")
  @Pattern(
      regexp = "trim-horizon|latest|at-timestamp",
      message = "must be trim-horizon, latest or at-timestamp")
  String initialPosition();

  /** The start for {@code at-timestamp}, as an ISO-8601 instant. */
  Optional<String> atTimestamp();

  /** Read through an enhanced fan-out consumer instead of polling GetRecords. */
  @WithDefault("false")
  boolean enhancedFanOut();
}
