package io.tributary.service.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The real local stack that {@code minio-local/stack up} started, shared by every end-to-end test
 * of a run. Endpoints come from the same {@code TRIBUTARY_*} variables the stack script honours.
 */
record LocalStack(
    String kafkaBootstrap,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String metastoreUri,
    String trinoUrl,
    String bucket,
    String restCatalogUri) {

  static LocalStack fromEnvironment() {
    LocalStack stack =
        new LocalStack(
            env("TRIBUTARY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            env("TRIBUTARY_S3_ENDPOINT", "http://127.0.0.1:9000"),
            env("TRIBUTARY_S3_ACCESS_KEY", "tributary"),
            env("TRIBUTARY_S3_SECRET_KEY", "tributary-secret"),
            env("TRIBUTARY_METASTORE_URI", "thrift://127.0.0.1:9083"),
            env("TRIBUTARY_TRINO_URL", "http://127.0.0.1:8080"),
            env("TRIBUTARY_S3_BUCKET", "lake"),
            env("TRIBUTARY_REST_CATALOG_URI", "http://127.0.0.1:8181"));
    stack.requireReachable();
    return stack;
  }

  String warehouse() {
    return "s3://" + bucket + "/warehouse";
  }

  /** Where the stack's Iceberg REST catalog server puts its tables. */
  String restWarehouse() {
    return "s3://" + bucket + "/rest-warehouse";
  }

  String trinoJdbcUrl() {
    URI uri = URI.create(trinoUrl);
    return "jdbc:trino://" + uri.getHost() + ":" + uri.getPort() + "/iceberg";
  }

  private void requireReachable() {
    URI s3 = URI.create(s3Endpoint);
    URI metastore = URI.create(metastoreUri);
    URI trino = URI.create(trinoUrl);
    String[] kafka = kafkaBootstrap.split(",")[0].split(":");
    requirePort("Kafka", kafka[0], Integer.parseInt(kafka[1]));
    requirePort("S3", s3.getHost(), s3.getPort());
    requirePort("Hive Metastore", metastore.getHost(), metastore.getPort());
    requirePort("Trino", trino.getHost(), trino.getPort());
  }

  /** Only tests of the REST catalog need its server; the others run without it. */
  void requireRestCatalog() {
    URI rest = URI.create(restCatalogUri);
    requirePort("the Iceberg REST catalog", rest.getHost(), rest.getPort());
  }

  static void requirePort(String name, String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
    } catch (IOException e) {
      throw new IllegalStateException(
          name
              + " is not reachable at "
              + host
              + ":"
              + port
              + "; start the local stack first: minio-local/stack up",
          e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
