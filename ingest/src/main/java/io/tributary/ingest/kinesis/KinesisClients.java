package io.tributary.ingest.kinesis;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.kinesis.common.KinesisClientUtil;

/** The AWS clients of one Kinesis source; credentials come from the default provider chain. */
record KinesisClients(
    KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb, CloudWatchAsyncClient cloudWatch)
    implements AutoCloseable {
  static KinesisClients open(KinesisSourceSettings settings) {
    Region region = Region.of(settings.region());
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    KinesisAsyncClientBuilder kinesis =
        KinesisAsyncClient.builder().region(region).credentialsProvider(credentials);
    settings.endpoint().ifPresent(kinesis::endpointOverride);
    KinesisAsyncClient kinesisClient;
    if (settings.endpoint().map(KinesisClients::isPlainHttp).orElse(false)) {
      // HTTP/2 needs TLS here; a plain-HTTP endpoint (an emulator) is spoken to over HTTP/1.1,
      // which is enough for polling but not for enhanced fan-out.
      kinesisClient =
          kinesis
              .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
              .build();
    } else {
      kinesisClient = KinesisClientUtil.createKinesisAsyncClient(kinesis);
    }
    var dynamoDb = DynamoDbAsyncClient.builder().region(region).credentialsProvider(credentials);
    settings.dynamoDbEndpoint().ifPresent(dynamoDb::endpointOverride);
    // Never called (metrics go to Micrometer), but the KCL's configuration wants one.
    CloudWatchAsyncClient cloudWatch =
        CloudWatchAsyncClient.builder().region(region).credentialsProvider(credentials).build();
    return new KinesisClients(kinesisClient, dynamoDb.build(), cloudWatch);
  }

  private static boolean isPlainHttp(URI endpoint) {
    return "http".equalsIgnoreCase(endpoint.getScheme());
  }

  @Override
  public void close() {
    kinesis.close();
    dynamoDb.close();
    cloudWatch.close();
  }
}
