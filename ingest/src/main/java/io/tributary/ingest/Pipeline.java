package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.catalog.TableProvisioner;
import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.RecordSource;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.ObservedStruct;
import io.tributary.schema.SchemaPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One pipeline's loop: read, decode, buffer, and every commit interval write and commit each table
 * together with the source positions it now holds. Runs on one thread; the source calls back on the
 * same thread when partitions move.
 */
public final class Pipeline implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long IDLE_ADVANCE_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final long MAX_RETRY_DELAY_MILLIS = Duration.ofMinutes(1).toMillis();

  private final PipelineSettings settings;
  private final Catalog catalog;
  private final TableProvisioner provisioner;
  private final SchemaEvolver schemaEvolver;
  private final JsonDecoder decoder;
  private final RecordSource source;
  private final PipelineStatus status = new PipelineStatus();
  private final TableState dataState;
  private final TableState deadLetterState;
  private final TableBatch<ObjectNode> dataBatch = new TableBatch<>();
  private final TableBatch<Exception> deadLetterBatch = new TableBatch<>();
  private final Set<SourcePartition> owned = new HashSet<>();
  private volatile boolean running = true;
  private boolean paused;
  private long nextFlushMillis;
  private long retryDelayMillis;

  public Pipeline(
      PipelineSettings settings,
      Catalog catalog,
      Function<PartitionAssignments, RecordSource> sourceFactory) {
    this.settings = requireNonNull(settings, "settings is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.provisioner = new TableProvisioner(catalog);
    Map<String, org.apache.iceberg.types.Type> hints = new HashMap<>();
    settings.eventTimeField().ifPresent(field -> hints.put(field, Types.TimestampType.withZone()));
    this.schemaEvolver =
        new SchemaEvolver(provisioner, new SchemaPlanner(hints), new DataTableLayout());
    this.decoder = new JsonDecoder(settings.maxRecordBytes());
    this.dataState = new TableState(settings.table());
    this.deadLetterState = new TableState(settings.deadLetterTable());
    this.source = sourceFactory.apply(new Assignments());
  }

  public PipelineStatus status() {
    return status;
  }

  public String name() {
    return settings.name();
  }

  /** Asks the loop to commit what it buffered and return. */
  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    MDC.put("pipeline", settings.name());
    status.state(PipelineStatus.State.RUNNING);
    nextFlushMillis = System.currentTimeMillis() + settings.commitInterval().toMillis();
    try {
      while (running) {
        List<SourceRecord> records = source.poll(POLL_TIMEOUT);
        status.read(records.size());
        records.forEach(this::accept);
        long bufferedBytes = dataBatch.bytes() + deadLetterBatch.bytes();
        status.buffered(bufferedBytes);
        long now = System.currentTimeMillis();
        if (now >= nextFlushMillis || bufferedBytes >= settings.maxBufferedBytes()) {
          flush(now);
        }
        applyBackpressure();
        status.progressed();
      }
      status.state(PipelineStatus.State.STOPPING);
      flush(System.currentTimeMillis());
      status.state(PipelineStatus.State.STOPPED);
    } catch (RuntimeException e) {
      status.failed(e.toString());
      status.state(PipelineStatus.State.FAILED);
      LOG.error("Pipeline {} failed", settings.name(), e);
      throw e;
    } finally {
      source.close();
      MDC.remove("pipeline");
    }
  }

  private void accept(SourceRecord record) {
    dataState.read(record.partition(), record.position());
    deadLetterState.read(record.partition(), record.position());
    try {
      ObjectNode json = decoder.decode(record);
      if (!dataState.holds(record.partition(), record.position())) {
        dataBatch.add(record, json);
      }
    } catch (DecodeException e) {
      if (!deadLetterState.holds(record.partition(), record.position())) {
        LOG.warn("Dead letter: {}", e.getMessage());
        deadLetterBatch.add(record, e);
      }
    }
  }

  private void applyBackpressure() {
    boolean full = dataBatch.bytes() + deadLetterBatch.bytes() >= settings.maxBufferedBytes();
    if (full && !paused) {
      LOG.warn(
          "Buffer full ({} bytes), pausing the source until a commit succeeds",
          settings.maxBufferedBytes());
      source.pause();
      paused = true;
    } else if (!full && paused) {
      source.resume();
      paused = false;
    }
  }

  private void flush(long now) {
    String commitId = UUID.randomUUID().toString();
    try {
      long rows = 0;
      long deadLetters = 0;
      if (!dataBatch.isEmpty() || dataState.positionsDue(now, IDLE_ADVANCE_MILLIS)) {
        rows = commitData(commitId, now);
      }
      if (!deadLetterBatch.isEmpty() || deadLetterState.positionsDue(now, IDLE_ADVANCE_MILLIS)) {
        deadLetters = commitDeadLetters(commitId, now);
      }
      if (rows + deadLetters > 0) {
        status.committed(rows, deadLetters);
      }
      source.checkpoint(checkpointPositions());
      status.state(running ? PipelineStatus.State.RUNNING : PipelineStatus.State.STOPPING);
      retryDelayMillis = 0;
      nextFlushMillis = now + settings.commitInterval().toMillis();
    } catch (RuntimeException e) {
      handleFailure(commitId, e, now);
    }
  }

  private long commitData(String commitId, long now) {
    ObservedStruct observed = new ObservedStruct();
    dataBatch.entries().forEach(entry -> observed.observe(entry.content()));
    Table table = schemaEvolver.evolve(settings.table(), observed);
    RowConverter converter = new RowConverter(table.schema());
    List<Record> rows = new ArrayList<>(dataBatch.entries().size());
    dataBatch
        .entries()
        .forEach(entry -> rows.add(converter.convert(entry.content(), entry.source())));
    commit(table, dataState, rows, commitId, now);
    dataBatch.clear();
    return rows.size();
  }

  private long commitDeadLetters(String commitId, long now) {
    Table table =
        provisioner.loadOrCreate(
            settings.deadLetterTable(),
            DeadLetters.SCHEMA,
            DeadLetters.spec(DeadLetters.SCHEMA),
            settings.tableProperties());
    List<Record> rows = new ArrayList<>(deadLetterBatch.entries().size());
    deadLetterBatch
        .entries()
        .forEach(
            entry -> rows.add(DeadLetters.row(table.schema(), entry.source(), entry.content())));
    commit(table, deadLetterState, rows, commitId, now);
    deadLetterBatch.clear();
    return rows.size();
  }

  private void commit(Table table, TableState state, List<Record> rows, String commitId, long now) {
    Map<SourcePartition, Long> positions = state.pending();
    List<DataFile> files = new DataFileWriter(table, commitId).write(rows);
    Snapshot snapshot =
        PositionedAppend.commit(
            table,
            files,
            state.expectedFor(positions.keySet()),
            positions,
            settings.name(),
            commitId);
    state.committedPending(positions, now);
    MDC.put("table", table.name());
    MDC.put("snapshot_id", String.valueOf(snapshot.snapshotId()));
    LOG.info(
        "Committed {} rows in {} files to {} up to {}",
        rows.size(),
        files.size(),
        table.name(),
        positions);
    MDC.remove("table");
    MDC.remove("snapshot_id");
  }

  private void handleFailure(String commitId, RuntimeException failure, long now) {
    status.failed(failure.toString());
    switch (CommitFailures.classify(failure)) {
      case RESYNC -> {
        LOG.warn(
            "Commit {} of pipeline {} could not be confirmed or was refused ({}); re-reading from"
                + " the tables' positions",
            commitId,
            settings.name(),
            failure.toString());
        Map<SourcePartition, Long> rewind = new HashMap<>();
        // -1 means before the first record: the partition is read from its start.
        resynchronize(Set.copyOf(owned))
            .forEach((partition, position) -> rewind.put(partition, position.orElse(-1L)));
        source.rewind(rewind);
        nextFlushMillis = now + settings.commitInterval().toMillis();
      }
      case RETRY_LATER -> {
        retryDelayMillis =
            Math.min(
                MAX_RETRY_DELAY_MILLIS,
                Math.max(settings.commitInterval().toMillis(), retryDelayMillis * 2));
        LOG.warn(
            "Commit {} of pipeline {} failed, retrying in {} ms",
            commitId,
            settings.name(),
            retryDelayMillis,
            failure);
        status.state(PipelineStatus.State.RETRYING);
        nextFlushMillis = now + retryDelayMillis;
      }
      default -> throw failure;
    }
  }

  /**
   * Drops everything buffered for the partitions, reads their positions from the tables again and
   * returns, per partition, the last position every table holds (empty: read from the start).
   */
  private Map<SourcePartition, Optional<Long>> resynchronize(Set<SourcePartition> partitions) {
    dataBatch.drop(partitions);
    deadLetterBatch.drop(partitions);
    Map<SourcePartition, Optional<Long>> resume = new HashMap<>();
    Map<SourcePartition, Long> dataPositions = committedPositions(settings.table(), partitions);
    Map<SourcePartition, Long> deadLetterPositions =
        committedPositions(settings.deadLetterTable(), partitions);
    for (SourcePartition partition : partitions) {
      Optional<Long> data = Optional.ofNullable(dataPositions.get(partition));
      Optional<Long> deadLetter = Optional.ofNullable(deadLetterPositions.get(partition));
      dataState.resetCommitted(partition, data);
      deadLetterState.resetCommitted(partition, deadLetter);
      // A table without a position needs the partition from its start.
      resume.put(
          partition,
          data.isPresent() && deadLetter.isPresent()
              ? Optional.of(Math.min(data.get(), deadLetter.get()))
              : Optional.empty());
    }
    return resume;
  }

  private Map<SourcePartition, Long> committedPositions(
      TableIdentifier identifier, Set<SourcePartition> partitions) {
    try {
      return SourcePositions.committed(catalog.loadTable(identifier), partitions);
    } catch (NoSuchTableException notCreatedYet) {
      return Map.of();
    }
  }

  private Map<SourcePartition, Long> checkpointPositions() {
    Map<SourcePartition, Long> positions = new HashMap<>();
    for (SourcePartition partition : owned) {
      Optional<Long> data = dataState.committed(partition);
      Optional<Long> deadLetter = deadLetterState.committed(partition);
      if (data.isPresent() && deadLetter.isPresent()) {
        positions.put(partition, Math.min(data.get(), deadLetter.get()));
      }
    }
    return positions;
  }

  private final class Assignments implements PartitionAssignments {
    @Override
    public Map<SourcePartition, Optional<Long>> assigned(Set<SourcePartition> partitions) {
      owned.addAll(partitions);
      // The tables, not the consumer group, say where to resume; the source seeks there itself.
      return resynchronize(partitions);
    }

    @Override
    public void revoked(Set<SourcePartition> partitions) {
      // The next owner resumes from the tables' positions, so dropping is safe and never
      // duplicates.
      owned.removeAll(partitions);
      dataBatch.drop(partitions);
      deadLetterBatch.drop(partitions);
      dataState.forget(partitions);
      deadLetterState.forget(partitions);
      LOG.info("Partitions {} revoked from pipeline {}", partitions, settings.name());
    }
  }

  private final class DataTableLayout implements SchemaEvolver.TableLayout {
    @Override
    public PartitionSpec partitionSpec(Schema schema) {
      return PartitionSpecs.parse(schema, settings.effectivePartitionBy());
    }

    @Override
    public Map<String, String> tableProperties() {
      return settings.tableProperties();
    }
  }
}
