package io.tributary.service.e2e;

import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kinesis streams on the stack's emulator: create, put, list and reshard. The emulator takes any
 * key pair; the service gets the same one through the AWS default credential chain.
 */
final class Streams implements AutoCloseable {
  static final String ACCESS_KEY = "tributary";
  static final String SECRET_KEY = "tributary-secret";
  static final String REGION = "us-east-1";

  private final String endpoint;
  private final String dynamoDbEndpoint;
  private final KinesisAsyncClient kinesis;

  Streams() {
    this.endpoint = env("TRIBUTARY_KINESIS_ENDPOINT", "http://127.0.0.1:4567");
    this.dynamoDbEndpoint = env("TRIBUTARY_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");
    URI kinesisUri = URI.create(endpoint);
    URI dynamoDbUri = URI.create(dynamoDbEndpoint);
    LocalStack.requirePort("Kinesis emulator", kinesisUri.getHost(), kinesisUri.getPort());
    LocalStack.requirePort("DynamoDB Local", dynamoDbUri.getHost(), dynamoDbUri.getPort());
    this.kinesis =
        KinesisAsyncClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(URI.create(endpoint))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
            .build();
  }

  /** Environment for a service process that reads the emulator through the default chain. */
  static Map<String, String> serviceEnvironment() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", REGION);
  }

  String endpoint() {
    return endpoint;
  }

  String dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  void create(String stream, int shards) {
    kinesis.createStream(request -> request.streamName(stream).shardCount(shards)).join();
    awaitActive(stream);
  }

  /** Puts the records, in order, in batches; fails if any entry is refused. */
  void put(String stream, List<Map.Entry<String, String>> keyedValues) {
    for (int from = 0; from < keyedValues.size(); from += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (Map.Entry<String, String> record :
          keyedValues.subList(from, Math.min(keyedValues.size(), from + 500))) {
        entries.add(
            PutRecordsRequestEntry.builder()
                .partitionKey(record.getKey())
                .data(SdkBytes.fromString(record.getValue(), StandardCharsets.UTF_8))
                .build());
      }
      PutRecordsResponse response =
          kinesis.putRecords(request -> request.streamName(stream).records(entries)).join();
      if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
        throw new IllegalStateException(
            response.failedRecordCount() + " records refused by " + stream);
      }
    }
  }

  List<Shard> openShards(String stream) {
    return kinesis.listShards(request -> request.streamName(stream)).join().shards().stream()
        .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
        .toList();
  }

  /** Splits the shard at the middle of its hash key range. */
  void split(String stream, Shard shard) {
    BigInteger low = new BigInteger(shard.hashKeyRange().startingHashKey());
    BigInteger high = new BigInteger(shard.hashKeyRange().endingHashKey());
    String middle = low.add(high).shiftRight(1).toString();
    kinesis
        .splitShard(
            request ->
                request.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle))
        .join();
    awaitActive(stream);
  }

  void merge(String stream, Shard shard, Shard adjacent) {
    kinesis
        .mergeShards(
            request ->
                request
                    .streamName(stream)
                    .shardToMerge(shard.shardId())
                    .adjacentShardToMerge(adjacent.shardId()))
        .join();
    awaitActive(stream);
  }

  private void awaitActive(String stream) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                kinesis
                        .describeStreamSummary(request -> request.streamName(stream))
                        .join()
                        .streamDescriptionSummary()
                        .streamStatus()
                    == StreamStatus.ACTIVE);
  }

  @Override
  public void close() {
    kinesis.close();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
