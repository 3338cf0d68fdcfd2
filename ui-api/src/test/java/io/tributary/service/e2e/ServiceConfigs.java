package io.tributary.service.e2e;

import java.util.UUID;

/** The YAML a user writes, against the local stack. */
final class ServiceConfigs {
  /** The bearer token of the test viewer that {@link #catalog} configures. */
  static final String VIEWER_TOKEN = "e2e-viewer-" + UUID.randomUUID();

  /** The bearer token of the test operator; {@link ServiceProcess#get} sends it. */
  static final String OPERATOR_TOKEN = "e2e-operator-" + UUID.randomUUID();

  private ServiceConfigs() {}

  /**
   * The {@code tributary.security} section (a viewer and an operator token) and the {@code
   * tributary.catalog} section for the stack's metastore and object store.
   */
  static String catalog(LocalStack stack, String metastoreUri) {
    return """
        tributary:
          security:
            mode: token
            tokens:
              - {name: e2e-viewer, token: %s, role: viewer}
              - {name: e2e-operator, token: %s, role: operator}
          catalog:
            type: hive
            warehouse: %s
            # The local metastore is Hive 4: commits are conditional updates, so a killed service
            # leaves no lock behind.
            hive-lock-enabled: false
            properties:
              uri: %s
              s3.endpoint: %s
              s3.path-style-access: "true"
              s3.access-key-id: %s
              s3.secret-access-key: %s
              client.region: us-east-1
        """
        .formatted(
            VIEWER_TOKEN,
            OPERATOR_TOKEN,
            stack.warehouse(),
            metastoreUri,
            stack.s3Endpoint(),
            stack.s3AccessKey(),
            stack.s3SecretKey());
  }

  /**
   * The test tokens' {@code tributary.security} section, as in {@link #catalog}, and the {@code
   * tributary.catalog} section for the stack's Iceberg REST catalog server: the server decides
   * where tables live; the service and Trino reach their files with the same S3 settings.
   */
  static String restCatalog(LocalStack stack) {
    return """
        tributary:
          security:
            mode: token
            tokens:
              - {name: e2e-viewer, token: %s, role: viewer}
              - {name: e2e-operator, token: %s, role: operator}
          catalog:
            type: rest
            warehouse: %s
            properties:
              uri: %s
              s3.endpoint: %s
              s3.path-style-access: "true"
              s3.access-key-id: %s
              s3.secret-access-key: %s
              client.region: us-east-1
        """
        .formatted(
            VIEWER_TOKEN,
            OPERATOR_TOKEN,
            stack.restWarehouse(),
            stack.restCatalogUri(),
            stack.s3Endpoint(),
            stack.s3AccessKey(),
            stack.s3SecretKey());
  }

  /** One pipeline named {@code e2e} from a topic into one table, committing every second. */
  static String pipeline(
      LocalStack stack, String kafkaBootstrap, String metastoreUri, String topic, String table) {
    return catalog(stack, metastoreUri)
        + """
          pipelines:
            e2e:
              source:
                type: kafka
                kafka:
                  bootstrap-servers: %s
                  topics: [%s]
              format: json
              route:
                table: %s
              tables:
                defaults:
                  event-time-field: event_time
              commit:
                interval: 1s
        """
            .formatted(kafkaBootstrap, topic, table);
  }

  /** One pipeline named {@code e2e} from a Kinesis stream on the stack's emulator. */
  static String kinesisPipeline(
      LocalStack stack, Streams streams, String stream, String table, String applicationName) {
    return catalog(stack, stack.metastoreUri())
        + """
          pipelines:
            e2e:
              source:
                type: kinesis
                kinesis:
                  stream: %s
                  region: %s
                  endpoint: %s
                  dynamodb-endpoint: %s
                  application-name: %s
                  initial-position: trim-horizon
              route:
                table: %s
              commit:
                interval: 1s
        """
            .formatted(
                stream,
                Streams.REGION,
                streams.endpoint(),
                streams.dynamoDbEndpoint(),
                applicationName,
                table);
  }
}
