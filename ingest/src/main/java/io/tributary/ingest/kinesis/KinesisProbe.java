package io.tributary.ingest.kinesis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/** Checks that a pipeline's stream exists and is readable, for readiness. */
public final class KinesisProbe {
  private final KinesisSourceSettings settings;
  private final Duration timeout;

  public KinesisProbe(KinesisSourceSettings settings, Duration timeout) {
    this.settings = requireNonNull(settings, "settings is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /** A one-line description of the stream, or an exception saying why it cannot be read. */
  public String check() {
    try (KinesisClients clients = KinesisClients.open(settings)) {
      StreamDescriptionSummary summary =
          clients
              .kinesis()
              .describeStreamSummary(request -> request.streamName(settings.stream()))
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .streamDescriptionSummary();
      return "stream "
          + summary.streamName()
          + " "
          + summary.streamStatusAsString()
          + ", "
          + summary.openShardCount()
          + " open shards";
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Kinesis stream " + settings.stream() + " cannot be described: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kinesis stream " + settings.stream() + " did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
