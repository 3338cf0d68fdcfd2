package io.tributary.ingest.kinesis;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The KCL's processor of one shard: it only hands records over to the pipeline's thread and never
 * checkpoints on its own. Nothing here throws, so the KCL never skips a batch because of us; a
 * batch that cannot be handed over (the source is closing) is simply not read by this process, and
 * the next owner starts from the tables' positions.
 */
final class ShardProcessor implements ShardRecordProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);

  private final String stream;
  private final HandOff handOff;
  private final Duration shardEndWait;
  private SourcePartition shard;

  ShardProcessor(String stream, HandOff handOff, Duration shardEndWait) {
    this.stream = stream;
    this.handOff = handOff;
    this.shardEndWait = shardEndWait;
  }

  @Override
  public void initialize(InitializationInput input) {
    shard = new SourcePartition(stream, input.shardId());
    LOG.info(
        "Lease of {} taken; KCL checkpoint {} (advisory)", shard, input.extendedSequenceNumber());
    put(List.of(new HandOff.Started(shard)));
  }

  @Override
  public void processRecords(ProcessRecordsInput input) {
    List<SourceRecord> records = new ArrayList<>(input.records().size());
    for (KinesisClientRecord record : input.records()) {
      records.add(toSourceRecord(shard, record));
    }
    put(
        List.of(
            new HandOff.Records(
                shard,
                records,
                input.millisBehindLatest() == null ? 0 : input.millisBehindLatest(),
                new KclCheckpointer(shard, input.checkpointer()))));
  }

  @Override
  public void leaseLost(LeaseLostInput input) {
    put(List.of(new HandOff.Lost(shard)));
  }

  @Override
  public void shardEnded(ShardEndedInput input) {
    CompletableFuture<Void> committed = new CompletableFuture<>();
    if (!put(List.of(new HandOff.Ended(shard, committed)))) {
      return;
    }
    // The children of this shard start as soon as its end is checkpointed, so that waits until
    // every record read from it is committed: this is what keeps parents before children. Not
    // checkpointing makes the KCL call again later, which waits again.
    try {
      committed.get(shardEndWait.toMillis(), TimeUnit.MILLISECONDS);
      input.checkpointer().checkpoint();
      LOG.info("{} read to its end and committed; its children may start", shard);
    } catch (TimeoutException e) {
      LOG.warn(
          "{} ended but its records are not committed after {}; retrying", shard, shardEndWait);
    } catch (ExecutionException
        | CancellationException
        | ShutdownException
        | InvalidStateException e) {
      LOG.warn("{} ended but its end cannot be checkpointed now: {}", shard, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void shutdownRequested(ShutdownRequestedInput input) {
    // Checkpoints follow commits only; the pipeline's own shutdown commits and checkpoints.
  }

  private boolean put(List<HandOff.Event> events) {
    try {
      for (HandOff.Event event : events) {
        if (!handOff.put(event)) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static SourceRecord toSourceRecord(SourcePartition shard, KinesisClientRecord record) {
    ByteBuffer data = record.data().duplicate();
    byte[] value = new byte[data.remaining()];
    data.get(value);
    return new SourceRecord(
        shard,
        SourcePosition.kinesis(record.sequenceNumber(), record.subSequenceNumber()),
        record.approximateArrivalTimestamp() == null
            ? 0
            : record.approximateArrivalTimestamp().toEpochMilli(),
        record.partitionKey() == null
            ? null
            : record.partitionKey().getBytes(StandardCharsets.UTF_8),
        value,
        Map.of());
  }

  /** Checkpoints through the KCL; failures are logged, since the checkpoint is advisory. */
  private record KclCheckpointer(SourcePartition shard, RecordProcessorCheckpointer checkpointer)
      implements ShardCheckpointer {
    @Override
    public void checkpoint(SourcePosition position) {
      try {
        checkpointer.checkpoint(position.sequence().toString(), position.subSequence());
      } catch (RuntimeException | InvalidStateException | ShutdownException e) {
        LOG.debug("KCL checkpoint of {} at {} failed: {}", shard, position, e.toString());
      }
    }
  }
}
