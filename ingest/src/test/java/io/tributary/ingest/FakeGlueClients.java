package io.tributary.ingest;

import java.util.Map;
import org.apache.iceberg.aws.AwsClientFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Iceberg's client-factory hook ({@code client.factory}) pointed at {@link FakeGlue}: the catalog
 * property {@value #FAKE_GLUE} names the shared fake. Only Glue is faked; tables keep their files
 * in Iceberg's in-memory FileIO, so no other AWS client is ever asked for.
 */
public final class FakeGlueClients implements AwsClientFactory {
  static final String FAKE_GLUE = "tributary.test.fake-glue";
  private static final long serialVersionUID = 1L;

  private String name;

  public FakeGlueClients() {}

  @Override
  public void initialize(Map<String, String> properties) {
    name = properties.get(FAKE_GLUE);
    if (name == null) {
      throw new IllegalArgumentException("catalog property " + FAKE_GLUE + " is missing");
    }
  }

  @Override
  public GlueClient glue() {
    return FakeGlue.named(name);
  }

  @Override
  public S3Client s3() {
    throw new UnsupportedOperationException("only Glue is faked");
  }

  @Override
  public S3AsyncClient s3Async() {
    throw new UnsupportedOperationException("only Glue is faked");
  }

  @Override
  public KmsClient kms() {
    throw new UnsupportedOperationException("only Glue is faked");
  }

  @Override
  public DynamoDbClient dynamo() {
    throw new UnsupportedOperationException("only Glue is faked");
  }
}
