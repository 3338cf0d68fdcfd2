package io.tributary.service.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The stack's object store, read directly: what really exists, whatever the tables say. */
final class ObjectStore implements AutoCloseable {
  private final S3Client s3;

  ObjectStore(LocalStack stack) {
    this.s3 =
        S3Client.builder()
            .endpointOverride(URI.create(stack.s3Endpoint()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(stack.s3AccessKey(), stack.s3SecretKey())))
            .build();
  }

  /** The object's size, or -1 when it does not exist. */
  long size(URI location) {
    try {
      return s3.headObject(
              HeadObjectRequest.builder()
                  .bucket(location.getHost())
                  .key(location.getPath().substring(1))
                  .build())
          .contentLength();
    } catch (NoSuchKeyException missing) {
      return -1;
    }
  }

  /** Every object under the prefix, as {@code s3://bucket/key}. */
  List<String> list(URI prefix) {
    List<String> locations = new ArrayList<>();
    ListObjectsV2Request request =
        ListObjectsV2Request.builder()
            .bucket(prefix.getHost())
            .prefix(prefix.getPath().substring(1))
            .build();
    for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
      locations.add("s3://" + prefix.getHost() + "/" + object.key());
    }
    return locations;
  }

  @Override
  public void close() {
    s3.close();
  }
}
