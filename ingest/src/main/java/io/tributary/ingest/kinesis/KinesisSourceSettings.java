package io.tributary.ingest.kinesis;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a Kinesis pipeline reads from.
 *
 * @param stream the stream name
 * @param region the AWS region of the stream and of the lease table
 * @param endpoint a Kinesis endpoint instead of the region's (an emulator, a VPC endpoint)
 * @param dynamoDbEndpoint a DynamoDB endpoint for the lease table instead of the region's
 * @param applicationName the KCL application: names the lease table and the workers sharing it
 * @param initialPosition where a shard without table position and without KCL checkpoint starts
 * @param atTimestamp the start time for {@link InitialPosition#AT_TIMESTAMP}
 * @param enhancedFanOut read through a dedicated enhanced fan-out consumer instead of polling
 */
public record KinesisSourceSettings(
    String stream,
    String region,
    Optional<URI> endpoint,
    Optional<URI> dynamoDbEndpoint,
    String applicationName,
    InitialPosition initialPosition,
    Optional<Instant> atTimestamp,
    boolean enhancedFanOut) {
  public enum InitialPosition {
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP
  }

  public KinesisSourceSettings {
    requireNonNull(stream, "stream is null");
    requireNonNull(region, "region is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint is null");
    requireNonNull(applicationName, "applicationName is null");
    requireNonNull(initialPosition, "initialPosition is null");
    requireNonNull(atTimestamp, "atTimestamp is null");
    if (!stream.matches("[a-zA-Z0-9_.-]{1,128}")) {
      throw new IllegalArgumentException("invalid Kinesis stream name: '" + stream + "'");
    }
    if (!applicationName.matches("[a-zA-Z0-9_.-]{3,200}")) {
      throw new IllegalArgumentException(
          "invalid application name (it names a DynamoDB table): '" + applicationName + "'");
    }
    if (initialPosition == InitialPosition.AT_TIMESTAMP && atTimestamp.isEmpty()) {
      throw new IllegalArgumentException("initial position AT_TIMESTAMP needs at-timestamp");
    }
    if (initialPosition != InitialPosition.AT_TIMESTAMP && atTimestamp.isPresent()) {
      throw new IllegalArgumentException("at-timestamp is only used with AT_TIMESTAMP");
    }
  }
}
