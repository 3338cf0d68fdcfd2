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
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/** Tells whether the brokers answer, for readiness checks, through the pipeline's own settings. */
public final class KafkaProbe {
  private final KafkaClientSettings settings;
  private final Duration timeout;

  public KafkaProbe(KafkaClientSettings settings, Duration timeout) {
    this.settings = requireNonNull(settings, "settings is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /** Returns the cluster id; throws when the brokers cannot be reached in time. */
  public String check() throws InterruptedException, ExecutionException, TimeoutException {
    int millis = Math.toIntExact(timeout.toMillis());
    try (Admin admin =
        Admin.create(
            settings.adminProperties(
                Map.of(
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis)))) {
      return admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
          .clusterId()
          .get(millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Why {@link #check()} failed, in words for a health report: authentication and authorization
   * failures say so (their messages name the mechanism, never a credential), anything else is
   * unreachable.
   */
  public String describe(Exception failure) {
    Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
    if (cause instanceof AuthenticationException) {
      return "authentication failed at " + settings.bootstrapServers() + ": " + cause.getMessage();
    }
    if (cause instanceof AuthorizationException) {
      return "not authorized at " + settings.bootstrapServers() + ": " + cause.getMessage();
    }
    return "unreachable at " + settings.bootstrapServers() + ": " + cause;
  }
}
