package io.tributary.ingest.kinesis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/** Runs the KCL scheduler of one source on a thread of its own and stops it with the source. */
final class KclReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KclReader.class);
  private static final long SHUTDOWN_SECONDS = 30;
  private static final Duration FAILOVER = Duration.ofSeconds(10);
  private static final Duration LEASE_ASSIGNMENT_INTERVAL = Duration.ofSeconds(4);
  private static final Duration SHARD_SYNC_INTERVAL = Duration.ofSeconds(10);
  private static final Duration LEADER_LEASE = Duration.ofSeconds(20);
  private static final Duration LEADER_HEARTBEAT = Duration.ofSeconds(5);

  private final Scheduler scheduler;
  private final KinesisClients clients;

  private KclReader(Scheduler scheduler, KinesisClients clients) {
    this.scheduler = scheduler;
    this.clients = clients;
  }

  static KclReader start(
      KinesisSourceSettings settings,
      KinesisClients clients,
      ShardRecordProcessorFactory processors) {
    ConfigsBuilder configs =
        new ConfigsBuilder(
            settings.stream(),
            settings.applicationName(),
            clients.kinesis(),
            clients.dynamoDb(),
            clients.cloudWatch(),
            workerId(),
            processors);
    RetrievalConfig retrieval =
        configs.retrievalConfig().initialPositionInStreamExtended(initialPosition(settings));
    if (!settings.enhancedFanOut()) {
      retrieval.retrievalSpecificConfig(
          new PollingConfig(settings.stream(), clients.kinesis())
              .maxRecords(1000)
              .idleTimeBetweenReadsInMillis(250));
    }
    // Quick hand-over over KCL's defaults (a shard waits up to a minute for a new owner, two after
    // the leader dies): a few more DynamoDB calls per worker, which a handful of replicas can
    // afford. Resharding is noticed within the shard sync interval, and at each shard end anyway.
    LeaseManagementConfig leases =
        configs
            .leaseManagementConfig()
            .failoverTimeMillis(FAILOVER.toMillis())
            .leaseAssignmentIntervalMillis(LEASE_ASSIGNMENT_INTERVAL.toMillis())
            .shardSyncIntervalMillis(SHARD_SYNC_INTERVAL.toMillis())
            .dynamoDbLockBasedLeaderLeaseDurationInMillis(LEADER_LEASE.toMillis())
            .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(LEADER_HEARTBEAT.toMillis());
    // Worker metrics read EC2 and cgroup CPU data to balance leases; off, leases balance by count.
    leases
        .workerUtilizationAwareAssignmentConfig()
        .disableWorkerMetrics(true)
        .workerMetricsReporterFreqInMillis(LEASE_ASSIGNMENT_INTERVAL.toMillis());
    MetricsConfig metrics =
        configs
            .metricsConfig()
            .metricsFactory(new NullMetricsFactory())
            .metricsLevel(MetricsLevel.NONE);
    Scheduler scheduler =
        new Scheduler(
            configs.checkpointConfig(),
            configs.coordinatorConfig(),
            leases,
            configs.lifecycleConfig(),
            metrics,
            configs.processorConfig(),
            retrieval);
    Thread thread = new Thread(scheduler, "kcl-" + settings.stream());
    thread.setDaemon(true);
    thread.start();
    return new KclReader(scheduler, clients);
  }

  private static InitialPositionInStreamExtended initialPosition(KinesisSourceSettings settings) {
    return switch (settings.initialPosition()) {
      case TRIM_HORIZON ->
          InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
      case LATEST ->
          InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.LATEST);
      case AT_TIMESTAMP ->
          InitialPositionInStreamExtended.newInitialPositionAtTimestamp(
              Date.from(settings.atTimestamp().orElseThrow()));
    };
  }

  private static String workerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "-" + UUID.randomUUID();
  }

  @Override
  public void close() {
    boolean graceful = false;
    try {
      // Graceful: leases are handed back, so another replica takes the shards without waiting
      // for them to expire.
      graceful =
          Boolean.TRUE.equals(
              scheduler.startGracefulShutdown().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS));
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("KCL graceful shutdown did not finish: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!graceful) {
        scheduler.shutdown();
      }
      clients.close();
    }
  }
}
