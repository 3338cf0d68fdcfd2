package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Apache Iceberg Kafka Connect sink in Kafka Connect standalone mode, configured as its
 * documentation says for schemaless JSON, on the same Kafka, metastore and object store.
 */
final class KafkaConnectSink {
  private KafkaConnectSink() {}

  static String workerProperties(StackEndpoints stack, Path directory, int port) {
    return """
        bootstrap.servers=%s
        key.converter=org.apache.kafka.connect.storage.StringConverter
        value.converter=org.apache.kafka.connect.json.JsonConverter
        value.converter.schemas.enable=false
        offset.storage.file.filename=%s
        listeners=http://127.0.0.1:%d
        plugin.discovery=only_scan
        """
        .formatted(stack.kafkaBootstrap(), directory.resolve("connect.offsets"), port);
  }

  static String sinkProperties(
      StackEndpoints stack,
      String name,
      String topic,
      String controlTopic,
      String table,
      Duration commitInterval) {
    return """
        name=%s
        connector.class=org.apache.iceberg.connect.IcebergSinkConnector
        tasks.max=1
        topics=%s
        consumer.override.auto.offset.reset=earliest
        iceberg.tables=%s
        iceberg.tables.auto-create-enabled=true
        iceberg.tables.evolve-schema-enabled=true
        iceberg.control.topic=%s
        iceberg.control.commit.interval-ms=%d
        iceberg.catalog.type=hive
        iceberg.catalog.uri=%s
        iceberg.catalog.warehouse=%s
        iceberg.catalog.io-impl=org.apache.iceberg.aws.s3.S3FileIO
        iceberg.catalog.s3.endpoint=%s
        iceberg.catalog.s3.path-style-access=true
        iceberg.catalog.s3.access-key-id=%s
        iceberg.catalog.s3.secret-access-key=%s
        iceberg.catalog.client.region=us-east-1
        """
        .formatted(
            name,
            topic,
            table,
            controlTopic,
            commitInterval.toMillis(),
            stack.metastoreUri(),
            stack.warehouse(),
            stack.s3Endpoint(),
            stack.s3AccessKey(),
            stack.s3SecretKey());
  }

  private static final String LOG4J =
      """
      rootLogger.level=INFO
      rootLogger.appenderRef.stdout.ref=STDOUT
      appender.stdout.type=Console
      appender.stdout.name=STDOUT
      appender.stdout.layout.type=PatternLayout
      appender.stdout.layout.pattern=[%d] %p %m (%c)%n
      """;

  static MeasuredProcess start(
      Path directory,
      Path classpath,
      StackEndpoints stack,
      String topic,
      String controlTopic,
      String table,
      Duration commitInterval)
      throws IOException {
    if (!Files.isDirectory(classpath)) {
      throw new IllegalStateException(
          "no Kafka Connect classpath at " + classpath + "; bench/run resolves it");
    }
    Files.createDirectories(directory);
    Path worker = directory.resolve("connect-worker.properties");
    Path sink = directory.resolve("connect-sink.properties");
    Path log4j = directory.resolve("connect-log4j2.properties");
    Files.writeString(
        worker, workerProperties(stack, directory.toAbsolutePath(), TributaryService.freePort()));
    Files.writeString(
        sink,
        sinkProperties(stack, "bench-" + controlTopic, topic, controlTopic, table, commitInterval));
    Files.writeString(log4j, LOG4J);
    return MeasuredProcess.startJava(
        "kafka-connect",
        directory,
        List.of(
            "-Xmx1g",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath()),
        List.of(
            "-cp",
            classpath.toAbsolutePath() + "/*",
            "org.apache.kafka.connect.cli.ConnectStandalone",
            worker.toAbsolutePath().toString(),
            sink.toAbsolutePath().toString()),
        Map.of());
  }
}
