package io.tributary.service.e2e;

/**
 * The local broker's SASL_PLAINTEXT listener (SCRAM-SHA-512) and the user {@code minio-local/stack
 * up} creates for it; the same variables as {@code minio-local/stack.env}.
 */
record ScramListener(String bootstrap, String user, String password) {
  static ScramListener fromEnvironment() {
    ScramListener listener =
        new ScramListener(
            env("TRIBUTARY_KAFKA_SASL_BOOTSTRAP", "127.0.0.1:9094"),
            env("TRIBUTARY_KAFKA_SCRAM_USER", "tributary"),
            env("TRIBUTARY_KAFKA_SCRAM_PASSWORD", "tributary-scram-secret"));
    String[] hostPort = listener.bootstrap.split(",")[0].split(":");
    // A broker started by an older stack script has no such listener; `stack up` restarts it once.
    LocalStack.requirePort("Kafka's SCRAM listener", hostPort[0], Integer.parseInt(hostPort[1]));
    return listener;
  }

  /** The {@code source.kafka.properties} a user writes for this listener. */
  String properties(String password) {
    return """
        {security.protocol: SASL_PLAINTEXT, sasl.mechanism: SCRAM-SHA-512, sasl.jaas.config: \
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" \
        password="%s";'}"""
        .formatted(user, password);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
