package io.tributary.service.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.tributary.ingest.PipelineStatus;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.function.ToDoubleFunction;

/** Publishes each pipeline's counters as {@code tributary_*} meters labelled by pipeline. */
@ApplicationScoped
public class PipelineMetrics {
  private final MeterRegistry registry;
  private final PipelineSupervisor supervisor;

  PipelineMetrics(MeterRegistry registry, PipelineSupervisor supervisor) {
    this.registry = registry;
    this.supervisor = supervisor;
  }

  // After the supervisor started the pipelines.
  void register(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
    for (String name : supervisor.names()) {
      Tags tags = Tags.of("pipeline", name);
      counter(
          "tributary.records.read",
          "Records read from the source",
          tags,
          name,
          PipelineStatus::recordsRead);
      counter(
          "tributary.rows.committed",
          "Rows committed to tables",
          tags,
          name,
          PipelineStatus::rowsCommitted);
      counter(
          "tributary.dead.letters",
          "Records committed to the dead-letter table",
          tags,
          name,
          PipelineStatus::deadLetters);
      counter(
          "tributary.records.filtered",
          "Records a filter transform left out (in no table and no dead letter)",
          tags,
          name,
          PipelineStatus::recordsFiltered);
      counter("tributary.commits", "Commits that added data", tags, name, PipelineStatus::commits);
      Gauge.builder(
              "tributary.buffered", supervisor, s -> value(s, name, PipelineStatus::bufferedBytes))
          .description("Bytes buffered for the next commit")
          .baseUnit("bytes")
          .tags(tags)
          .register(registry);
    }
    // Shard lag, records and bytes of Kinesis pipelines, summed over the shards this replica
    // holds: labelled by pipeline only, since shard ids pile up with every reshard.
    for (String name : supervisor.names()) {
      supervisor
          .kinesisMetrics(name)
          .ifPresent(
              shards -> {
                Tags tags = Tags.of("pipeline", name);
                FunctionCounter.builder("tributary.kinesis.records", shards, s -> s.records())
                    .description("Records read from Kinesis shards, de-aggregated")
                    .tags(tags)
                    .register(registry);
                FunctionCounter.builder("tributary.kinesis.bytes", shards, s -> s.bytes())
                    .description("Bytes of record data read from Kinesis shards")
                    .baseUnit("bytes")
                    .tags(tags)
                    .register(registry);
                Gauge.builder(
                        "tributary.kinesis.millis.behind.latest",
                        shards,
                        s -> s.maxMillisBehindLatest())
                    .description("Largest MillisBehindLatest over the shards this replica reads")
                    .baseUnit("milliseconds")
                    .tags(tags)
                    .register(registry);
              });
    }
  }

  private void counter(
      String meter,
      String description,
      Tags tags,
      String name,
      ToDoubleFunction<PipelineStatus> read) {
    FunctionCounter.builder(meter, supervisor, s -> value(s, name, read))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private static double value(
      PipelineSupervisor supervisor, String name, ToDoubleFunction<PipelineStatus> read) {
    PipelineStatus status = supervisor.statuses().get(name);
    return status == null ? 0 : read.applyAsDouble(status);
  }
}
