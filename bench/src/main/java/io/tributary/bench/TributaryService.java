package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The packaged Tributary service as a measured child process, one pipeline into one table. */
final class TributaryService {
  private TributaryService() {}

  /**
   * One pipeline; with {@code channelTables}, records are routed by their {@code channel} field to
   * those tables, and records of other channels go to {@code table}.
   */
  record Pipeline(
      String id,
      String topic,
      String table,
      String partitionBy,
      Duration commitInterval,
      boolean maintenance,
      Duration maintenanceInterval,
      Map<String, String> channelTables,
      List<String> transforms) {
    Pipeline {
      requireNonNull(id, "id is null");
      requireNonNull(topic, "topic is null");
      requireNonNull(table, "table is null");
      requireNonNull(partitionBy, "partitionBy is null");
      requireNonNull(commitInterval, "commitInterval is null");
      requireNonNull(maintenanceInterval, "maintenanceInterval is null");
      channelTables = new LinkedHashMap<>(requireNonNull(channelTables, "channelTables is null"));
      transforms = List.copyOf(requireNonNull(transforms, "transforms is null"));
    }

    /** The same pipeline with transform steps, each a YAML flow mapping. */
    Pipeline withTransforms(List<String> steps) {
      return new Pipeline(
          id,
          topic,
          table,
          partitionBy,
          commitInterval,
          maintenance,
          maintenanceInterval,
          channelTables,
          steps);
    }

    String transformsBlock() {
      if (transforms.isEmpty()) {
        return "";
      }
      StringBuilder block = new StringBuilder("transforms:\n");
      transforms.forEach(step -> block.append("  - ").append(step).append('\n'));
      return block.toString();
    }

    /** Every record into one table. */
    Pipeline(
        String id,
        String topic,
        String table,
        String partitionBy,
        Duration commitInterval,
        boolean maintenance,
        Duration maintenanceInterval) {
      this(
          id,
          topic,
          table,
          partitionBy,
          commitInterval,
          maintenance,
          maintenanceInterval,
          Map.of(),
          List.of());
    }

    String route() {
      if (channelTables.isEmpty()) {
        return "table: " + table;
      }
      StringBuilder route = new StringBuilder("field: channel\nrules:\n");
      channelTables.forEach(
          (channel, target) ->
              route.append("  - {equals: %s, table: %s}\n".formatted(channel, target)));
      return route.append("default-table: ").append(table).toString();
    }
  }

  static String config(StackEndpoints stack, Pipeline pipeline) {
    return """
        tributary:
          # The benchmark never calls the admin API; a random token keeps it closed.
          security:
            mode: token
            tokens: [{name: bench, token: %s, role: viewer}]
          catalog:
            type: hive
            warehouse: %s
            hive-lock-enabled: false
            properties:
              uri: %s
              s3.endpoint: %s
              s3.path-style-access: "true"
              s3.access-key-id: %s
              s3.secret-access-key: %s
              client.region: us-east-1
          maintenance:
            enabled: %s
            interval: %ds
          pipelines:
            %s:
              source:
                type: kafka
                kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  start-from: earliest
              format: json
              route:
                %s
              %s
              tables:
                defaults:
                  partition-by: ["%s"]
                  event-time-field: event_time
              commit:
                interval: %dms
        """
        .formatted(
            UUID.randomUUID(),
            stack.warehouse(),
            stack.metastoreUri(),
            stack.s3Endpoint(),
            stack.s3AccessKey(),
            stack.s3SecretKey(),
            pipeline.maintenance(),
            pipeline.maintenanceInterval().toSeconds(),
            pipeline.id(),
            stack.kafkaBootstrap(),
            pipeline.topic(),
            pipeline.route().replace("\n", "\n        "),
            pipeline.transformsBlock().replace("\n", "\n      ").stripTrailing(),
            pipeline.partitionBy(),
            pipeline.commitInterval().toMillis());
  }

  static MeasuredProcess start(
      String name, Path directory, ServiceLaunch service, StackEndpoints stack, Pipeline pipeline)
      throws IOException {
    if (!Files.isRegularFile(service.jar())) {
      throw new IllegalStateException(
          "no service jar at " + service.jar() + "; build it with ./mvnw -pl ui-api -am package");
    }
    Files.createDirectories(directory);
    Path config = directory.resolve(name + ".yaml");
    Files.writeString(config, config(stack, pipeline));
    return MeasuredProcess.startJava(
        name,
        directory,
        service.jvmOptions(),
        List.of("-jar", service.jar().toAbsolutePath().toString()),
        Map.of(
            "QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath().toString(),
            "QUARKUS_HTTP_PORT", Integer.toString(freePort()),
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
