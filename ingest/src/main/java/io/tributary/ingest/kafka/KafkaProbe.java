package io.tributary.ingest.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Tells whether the brokers answer, for readiness checks. */
public final class KafkaProbe {
  private final String bootstrapServers;
  private final Duration timeout;

  public KafkaProbe(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /** Returns the cluster id; throws when the brokers cannot be reached in time. */
  public String check() throws InterruptedException, ExecutionException, TimeoutException {
    int millis = Math.toIntExact(timeout.toMillis());
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
      return admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
          .clusterId()
          .get(millis, TimeUnit.MILLISECONDS);
    }
  }
}
