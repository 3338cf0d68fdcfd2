package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where the local stack listens, from the {@code TRIBUTARY_*} variables of minio-local/stack.env.
 */
record StackEndpoints(
    String kafkaBootstrap,
    String metastoreUri,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String warehouse,
    String trinoUrl) {
  StackEndpoints {
    requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
    requireNonNull(metastoreUri, "metastoreUri is null");
    requireNonNull(s3Endpoint, "s3Endpoint is null");
    requireNonNull(s3AccessKey, "s3AccessKey is null");
    requireNonNull(s3SecretKey, "s3SecretKey is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(trinoUrl, "trinoUrl is null");
  }

  static StackEndpoints fromEnvironment(Map<String, String> environment) {
    return new StackEndpoints(
        environment.getOrDefault("TRIBUTARY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
        environment.getOrDefault("TRIBUTARY_METASTORE_URI", "thrift://127.0.0.1:9083"),
        environment.getOrDefault("TRIBUTARY_S3_ENDPOINT", "http://127.0.0.1:9000"),
        environment.getOrDefault("TRIBUTARY_S3_ACCESS_KEY", "tributary"),
        environment.getOrDefault("TRIBUTARY_S3_SECRET_KEY", "tributary-secret"),
        environment.getOrDefault("TRIBUTARY_WAREHOUSE", "s3://lake/warehouse"),
        environment.getOrDefault("TRIBUTARY_TRINO_URL", "http://127.0.0.1:8080"));
  }

  String trinoJdbcUrl() {
    return "jdbc:trino://" + trinoUrl.replaceFirst("^https?://", "") + "/iceberg";
  }
}
