package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.catalog.TableProvisioner;
import io.tributary.ingest.source.PartitionAssignments;
import io.tributary.ingest.source.RecordSource;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.ingest.transform.TransformException;
import io.tributary.ingest.transform.TransformResult;
import io.tributary.ingest.transform.TransformStage;
import io.tributary.schema.FieldProfileView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One pipeline's loop: read, decode, route, buffer, and every commit interval write and commit each
 * table together with the source positions it now holds. Runs on one thread; the source calls back
 * on the same thread when partitions move.
 *
 * <p>Recovery rests on one rule: a table's position for a partition means every record of that
 * partition up to there that belongs in the table is in it. A partition resumes after the lowest
 * position over all of the pipeline's tables, and each table skips what it already holds.
 */
public final class Pipeline implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long IDLE_ADVANCE_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final long MAX_RETRY_DELAY_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final String TRANSFORM_ERROR = TransformException.class.getName();
  private static final int FILE_CLOSERS = 4;

  private final PipelineSettings settings;
  private final Catalog catalog;
  private final Router router;
  private final PipelineTables pipelineTables;
  private final RecordDecoder decoder;
  private final TransformStage transforms;
  private final TableProvisioner provisioner;
  private final SchemaOnRead schemaOnRead;
  private final RecordSource source;
  private final PipelineStatus status;
  private final Map<TableIdentifier, TableSink<ObjectNode>> dataSinks = new LinkedHashMap<>();
  private final TableSink<DeadLetter> deadLetterSink;
  private final Map<SourcePartition, SourcePosition> readPositions = new HashMap<>();
  private final Set<SourcePartition> owned = new HashSet<>();
  private final ExecutorService manifestWorkers =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "manifest-worker");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Closing a data file flushes and uploads it; a round's files are closed side by side, bounded so
   * that a round touching hundreds of partitions does not open hundreds of uploads at once.
   */
  private final ExecutorService fileClosers =
      Executors.newFixedThreadPool(
          FILE_CLOSERS,
          runnable -> {
            Thread thread = new Thread(runnable, "file-closer");
            thread.setDaemon(true);
            return thread;
          });

  private volatile boolean running = true;
  private volatile Set<TableIdentifier> existingTables = Set.of();
  private boolean paused;
  private long bufferedBytes;
  private long nextFlushMillis;
  private long retryDelayMillis;

  public Pipeline(
      PipelineSettings settings,
      Catalog catalog,
      Function<PartitionAssignments, RecordSource> sourceFactory) {
    this(settings, catalog, sourceFactory, new PipelineStatus());
  }

  /** With the status of an earlier run of the same pipeline, so counters keep counting up. */
  public Pipeline(
      PipelineSettings settings,
      Catalog catalog,
      Function<PartitionAssignments, RecordSource> sourceFactory,
      PipelineStatus status) {
    this.settings = requireNonNull(settings, "settings is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.status = requireNonNull(status, "status is null");
    this.router = new Router(settings.route());
    List<org.apache.iceberg.catalog.Namespace> namespaces =
        new ArrayList<>(settings.route().namespaces());
    namespaces.add(settings.deadLetterTable().namespace());
    this.pipelineTables = new PipelineTables(catalog, settings.name(), namespaces);
    this.decoder = RecordDecoder.of(settings);
    this.transforms = new TransformStage(settings.transforms());
    // Rule sets load while the service starts, not in the first commit round.
    this.transforms.open();
    this.provisioner = new TableProvisioner(catalog);
    Map<String, String> deadLetterProperties =
        new HashMap<>(settings.tableProperties(settings.deadLetterTable()));
    deadLetterProperties.put(pipelineTables.markerKey(), "true");
    this.schemaOnRead =
        new SchemaOnRead(
            settings,
            catalog,
            provisioner,
            new DataTableLayout(),
            decoder::declaredTypes,
            transforms::hints,
            transforms::version);
    this.deadLetterSink =
        new TableSink<>(
            settings.deadLetterTable(),
            new DeadLetterRows(
                provisioner,
                DeadLetters.schema(settings.sourceKind()),
                deadLetterProperties,
                settings.transforms().keepRawDeadLetters()));
    this.source = sourceFactory.apply(new Assignments());
  }

  public PipelineStatus status() {
    return status;
  }

  public String name() {
    return settings.name();
  }

  /** The pipeline's tables that exist in the catalog, for maintenance; safe from any thread. */
  public Set<TableIdentifier> tables() {
    return existingTables;
  }

  /** The field profiles of one of the pipeline's tables, if it received records; any thread. */
  public Optional<List<FieldProfileView>> fieldProfiles(TableIdentifier table) {
    return schemaOnRead.profileViews(table);
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
      manifestWorkers.shutdown();
      fileClosers.shutdown();
      MDC.remove("pipeline");
    }
  }

  private void accept(SourceRecord record) {
    readPositions.merge(record.partition(), record.position(), SourcePosition::max);
    ObjectNode json;
    try {
      json = decoder.decode(record);
    } catch (DecodeException e) {
      deadLetter(record, decodeFailure(record, e));
      return;
    }
    TransformResult prepared = transforms.applyPipeline(json, record.coordinates());
    if (!(prepared instanceof TransformResult.Kept kept)) {
      reject(record, prepared);
      return;
    }
    json = kept.record();
    Route route = router.route(record, json);
    if (route instanceof Route.ToTable toTable) {
      TableSink<ObjectNode> sink =
          dataSinks.computeIfAbsent(
              toTable.table(), table -> new TableSink<>(table, schemaOnRead.rows(table)));
      if (sink.health().behind() || sink.state().holds(record.partition(), record.position())) {
        return;
      }
      TransformResult transformed =
          transforms.applyTable(toTable.table(), json, record.coordinates());
      if (transformed instanceof TransformResult.Kept forTable) {
        sink.batch().add(record, forTable.record());
        bufferedBytes += TableBatch.heapEstimate(record);
      } else {
        reject(record, transformed);
      }
    } else if (route instanceof Route.ToDeadLetter toDeadLetter) {
      deadLetter(
          record,
          DeadLetter.unroutable(toDeadLetter.reason())
              .withMaskedParse(transforms.unroutedParse(json)));
    }
  }

  /** A record a transform step filtered out is counted; one a step failed on is a dead letter. */
  private void reject(SourceRecord record, TransformResult result) {
    if (result instanceof TransformResult.Filtered) {
      status.filtered(1);
    } else if (result instanceof TransformResult.Failed failed) {
      deadLetter(record, new DeadLetter(TRANSFORM_ERROR, failed.message(), failed.maskedParse()));
    }
  }

  /**
   * A parser's message may quote the bytes it stopped at; where fields are masked, the dead letter
   * says only where the record stopped being JSON.
   */
  private DeadLetter decodeFailure(SourceRecord record, DecodeException e) {
    if (!settings.transforms().masks() || !(e.getCause() instanceof JsonProcessingException)) {
      return DeadLetter.of(e);
    }
    JsonLocation location = ((JsonProcessingException) e.getCause()).getLocation();
    return new DeadLetter(
        e.getClass().getName(),
        "record "
            + record.coordinates()
            + " is not valid JSON"
            + (location == null
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
            + " (the parser's excerpt is withheld: the pipeline masks fields)");
  }

  private void deadLetter(SourceRecord record, DeadLetter deadLetter) {
    if (!deadLetterSink.state().holds(record.partition(), record.position())) {
      LOG.warn("Dead letter: {}", deadLetter.message());
      deadLetterSink.batch().add(record, deadLetter);
      bufferedBytes += TableBatch.heapEstimate(record);
    }
  }

  private void applyBackpressure() {
    boolean full = bufferedBytes >= settings.maxBufferedBytes();
    if (full && !paused) {
      LOG.warn(
          "Buffer full ({} bytes), pausing the source until a commit succeeds",
          settings.maxBufferedBytes());
      source.pause();
      paused = true;
      status.sourcePaused(true);
    } else if (!full && paused) {
      source.resume();
      paused = false;
      status.sourcePaused(false);
    }
  }

  private List<TableSink<?>> sinks() {
    List<TableSink<?>> sinks = new ArrayList<>(dataSinks.values());
    sinks.add(deadLetterSink);
    return sinks;
  }

  private void flush(long now) {
    String commitId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    // Positions every existing table holds, taken before this round commits anything.
    Map<SourcePartition, SourcePosition> roundStart = lowestCommitted(owned);
    RuntimeException failure = null;
    long rows = 0;
    long deadLetterRows = 0;
    try {
      // Every table of the round exists, with its schema and starting positions, before any
      // append: a crash between appends must find every table whose records were passed over.
      Map<TableSink<?>, Table> tables = new LinkedHashMap<>();
      for (TableSink<ObjectNode> sink : dataSinks.values()) {
        if (due(sink, now)) {
          prepareIsolated(sink, roundStart, commitId, now).ifPresent(t -> tables.put(sink, t));
        }
      }
      // Last, since records of tables that cannot be created become dead letters above.
      if (due(deadLetterSink, now)) {
        tables.put(deadLetterSink, prepare(deadLetterSink, roundStart, commitId, now));
      }
      for (Map.Entry<TableSink<?>, Table> entry : tables.entrySet()) {
        TableSink<?> sink = entry.getKey();
        long committed;
        try {
          committed = append(sink, entry.getValue(), commitId, now);
        } catch (RuntimeException e) {
          if (sink == deadLetterSink || !isolate(sink, e, now)) {
            throw e;
          }
          continue;
        }
        sink.health().succeeded();
        if (sink == deadLetterSink) {
          deadLetterRows += committed;
        } else {
          rows += committed;
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      bufferedBytes = sinks().stream().mapToLong(sink -> sink.batch().bytes()).sum();
      publishTables();
    }
    if (rows + deadLetterRows > 0) {
      status.committed(rows, deadLetterRows);
      // One line per round with rows: how long writing and committing every table took.
      LOG.info(
          "Commit round {} of pipeline {}: {} rows in {} ms",
          commitId,
          settings.name(),
          rows + deadLetterRows,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
    if (failure == null) {
      source.checkpoint(lowestCommitted(owned));
      spareMemoryOfFailingTables();
      rewindForTablesBehind(now);
      List<TableStatus> failing =
          status.tables().stream().filter(t -> t.state() != TableStatus.State.HEALTHY).toList();
      failing.forEach(t -> status.failed("table " + t.table() + ": " + t.error().orElse("")));
      status.state(
          !running
              ? PipelineStatus.State.STOPPING
              : failing.isEmpty() ? PipelineStatus.State.RUNNING : PipelineStatus.State.DEGRADED);
      retryDelayMillis = 0;
      nextFlushMillis = now + settings.commitInterval().toMillis();
    } else {
      handleFailure(commitId, failure, now);
    }
  }

  /** Whether a table takes part in this round: it has rows, or positions worth recording. */
  private boolean due(TableSink<?> sink, long now) {
    if (sink.health().behind() || !sink.health().attemptDue(now)) {
      return false;
    }
    // Positions alone are recorded only in a table that exists, since creating a data table needs
    // its records; the dead-letter table's schema is fixed, so it is created at once, as always.
    return !sink.batch().isEmpty()
        || ((sink.tableExists() || sink == deadLetterSink)
            && sink.state().positionsDue(readPositions, now, IDLE_ADVANCE_MILLIS));
  }

  /**
   * Prepares one data table. A table that exists and fails is set aside to be retried on its own,
   * since its positions keep its records safe. A table that does not exist yet has no positions to
   * keep its records: if it cannot be created for a reason that retrying will not change, its
   * records become dead letters naming the table; for a passing reason the whole round is retried.
   */
  private Optional<Table> prepareIsolated(
      TableSink<ObjectNode> sink,
      Map<SourcePartition, SourcePosition> roundStart,
      String commitId,
      long now) {
    try {
      return Optional.of(prepare(sink, roundStart, commitId, now));
    } catch (RuntimeException e) {
      if (sink.tableExists()) {
        if (isolate(sink, e, now)) {
          return Optional.empty();
        }
        throw e;
      }
      if (CommitFailures.isPassing(e)) {
        throw e;
      }
      LOG.error(
          "Table {} cannot be created; its {} buffered records go to the dead-letter table",
          sink.identifier(),
          sink.batch().entries().size(),
          e);
      for (TableBatch.Entry<ObjectNode> entry : sink.batch().entries()) {
        deadLetterSink
            .batch()
            .add(
                entry.source(),
                new DeadLetter(
                    e.getClass().getName(),
                    "record "
                        + entry.source().coordinates()
                        + " cannot be written: table "
                        + sink.identifier()
                        + " cannot be created: "
                        + e.getMessage(),
                    Optional.of(entry.content())));
      }
      sink.batch().clear();
      return Optional.empty();
    }
  }

  /**
   * Sets a failing table aside when its failure is its own: the others commit on. A refused or
   * unconfirmed commit is not: the pipeline re-reads every table's positions.
   */
  private boolean isolate(TableSink<?> sink, RuntimeException failure, long now) {
    if (CommitFailures.classify(failure) != CommitFailures.Action.RETRY_LATER) {
      return false;
    }
    sink.health().failed(failure, now, settings.commitInterval().toMillis());
    TableStatus table = sink.health().status(sink.identifier().toString());
    String message =
        "Table {} failed {} time(s) and is retried at {} while the other tables commit: {}";
    Object[] arguments = {
      sink.identifier(),
      table.failedAttempts(),
      table.nextAttempt().orElse(null),
      failure.toString()
    };
    // A table failing for minutes is an operator's problem, not a passing fault.
    if (sink.health().failedAttempts() >= 5) {
      LOG.error(message, arguments);
    } else {
      LOG.warn(message, arguments);
    }
    return true;
  }

  /**
   * A failing table keeps its buffer while there is room; when it would crowd out the healthy
   * tables, it drops its buffer and the source is rewound for it when it is tried again.
   */
  private void spareMemoryOfFailingTables() {
    long buffered = sinks().stream().mapToLong(sink -> sink.batch().bytes()).sum();
    if (buffered < settings.maxBufferedBytes() / 2) {
      return;
    }
    for (TableSink<ObjectNode> sink : dataSinks.values()) {
      if (!sink.health().healthy() && !sink.batch().isEmpty()) {
        LOG.warn(
            "Table {} is failing and drops its {} buffered bytes; they are read again from the"
                + " source when it is tried again",
            sink.identifier(),
            sink.batch().bytes());
        sink.batch().clear();
        sink.health().fellBehind();
      }
    }
    bufferedBytes = sinks().stream().mapToLong(sink -> sink.batch().bytes()).sum();
  }

  /**
   * When a table that dropped its buffer is due again, the source goes back to the positions every
   * table holds (the others skip what they hold), so the table gets its records back.
   */
  private void rewindForTablesBehind(long now) {
    List<TableSink<ObjectNode>> due =
        dataSinks.values().stream()
            .filter(sink -> sink.health().behind() && sink.health().attemptDue(now))
            .toList();
    if (due.isEmpty()) {
      return;
    }
    LOG.info(
        "Re-reading the source for tables {}", due.stream().map(TableSink::identifier).toList());
    source.rewind(resynchronize(Set.copyOf(owned)));
    due.forEach(sink -> sink.health().caughtUpWithSource());
    publishTables();
  }

  private <T> Table prepare(
      TableSink<T> sink,
      Map<SourcePartition, SourcePosition> roundStart,
      String commitId,
      long now) {
    Table table =
        pipelineTables.adopt(sink.rows().prepare(sink.identifier(), sink.batch().entries()));
    if (!sink.tableExists()) {
      claimInitialPositions(sink, table, roundStart, commitId, now);
    }
    return table;
  }

  private <T> long append(TableSink<T> sink, Table table, String commitId, long now) {
    List<TableBatch.Entry<T>> entries = sink.batch().entries();
    Map<SourcePartition, SourcePosition> positions = sink.state().ahead(readPositions);
    positions.keySet().retainAll(owned);
    if (entries.isEmpty() && positions.isEmpty()) {
      return 0;
    }
    // Rows are converted as they are written, so a batch never exists twice on the heap.
    List<DataFile> files =
        new DataFileWriter(table, commitId, fileClosers)
            .write(entries.stream().map(entry -> sink.rows().row(table, entry)).iterator());
    int rowCount = entries.size();
    // Position-only commits of idle tables are routine; commits of rows are worth a line each.
    boolean quiet = rowCount == 0;
    log(
        quiet,
        "Committing {} rows in {} files to {} (commit {})",
        rowCount,
        files.size(),
        table.name(),
        commitId);
    Snapshot snapshot =
        PositionedAppend.commit(
            table,
            manifestWorkers,
            files,
            sink.state().expectedFor(positions.keySet()),
            positions,
            settings.name(),
            commitId);
    sink.state().committed(positions, now);
    sink.batch().clear();
    MDC.put("table", table.name());
    MDC.put("snapshot_id", String.valueOf(snapshot.snapshotId()));
    log(quiet, "Committed {} rows to {} up to {}", rowCount, table.name(), positions);
    MDC.remove("table");
    MDC.remove("snapshot_id");
    return rowCount;
  }

  private static void log(boolean quiet, String format, Object... arguments) {
    if (quiet) {
      LOG.debug(format, arguments);
    } else {
      LOG.info(format, arguments);
    }
  }

  /**
   * A table new to this pipeline holds nothing, and no record before the round's start belongs in
   * it (it would have been created then). Recording that at once keeps recovery from re-reading
   * whole partitions for its sake.
   */
  private void claimInitialPositions(
      TableSink<?> sink,
      Table table,
      Map<SourcePartition, SourcePosition> roundStart,
      String commitId,
      long now) {
    Map<SourcePartition, SourcePosition> committed = SourcePositions.committed(table, owned);
    committed.forEach(
        (partition, position) -> sink.state().reset(partition, Optional.of(position)));
    Map<SourcePartition, SourcePosition> claim = new HashMap<>();
    roundStart.forEach(
        (partition, position) -> {
          if (!committed.containsKey(partition)) {
            claim.put(partition, position);
          }
        });
    if (!claim.isEmpty()) {
      PositionedAppend.commit(
          table,
          manifestWorkers,
          List.of(),
          sink.state().expectedFor(claim.keySet()),
          claim,
          settings.name(),
          commitId);
      sink.state().committed(claim, now);
    }
    sink.markTableExists();
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
        reportLanded(commitId);
        // An empty position means before the first record: the partition is read from its start.
        source.rewind(resynchronize(Set.copyOf(owned)));
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

  private void publishTables() {
    Set<TableIdentifier> tables = new HashSet<>();
    for (TableSink<?> sink : sinks()) {
      if (sink.tableExists()) {
        tables.add(sink.identifier());
      }
    }
    existingTables = Set.copyOf(tables);
    status.tables(
        sinks().stream().map(sink -> sink.health().status(sink.identifier().toString())).toList());
  }

  /** Says which tables an unconfirmed commit reached; recovery reads their positions anyway. */
  private void reportLanded(String commitId) {
    List<TableIdentifier> landed = new ArrayList<>();
    for (TableSink<?> sink : sinks()) {
      try {
        if (sink.tableExists()
            && SourcePositions.findCommit(catalog.loadTable(sink.identifier()), commitId)
                .isPresent()) {
          landed.add(sink.identifier());
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "Cannot tell whether commit {} reached {}: {}",
            commitId,
            sink.identifier(),
            e.toString());
      }
    }
    LOG.info("Commit {} is in tables {}", commitId, landed);
  }

  /**
   * Drops everything buffered for the partitions, finds the pipeline's tables and reads their
   * positions again, and returns per partition the last position every table holds (empty: read the
   * partition from its start).
   */
  private Map<SourcePartition, Optional<SourcePosition>> resynchronize(
      Set<SourcePartition> partitions) {
    for (TableSink<?> sink : sinks()) {
      sink.batch().drop(partitions);
    }
    bufferedBytes = sinks().stream().mapToLong(sink -> sink.batch().bytes()).sum();
    for (TableIdentifier identifier : pipelineTables.discover()) {
      if (!identifier.equals(deadLetterSink.identifier())) {
        dataSinks.computeIfAbsent(
            identifier, table -> new TableSink<>(table, schemaOnRead.rows(table)));
      }
    }
    for (TableSink<?> sink : sinks()) {
      Map<SourcePartition, SourcePosition> committed = committedPositions(sink, partitions);
      partitions.forEach(
          partition ->
              sink.state().reset(partition, Optional.ofNullable(committed.get(partition))));
    }
    publishTables();
    Map<SourcePartition, SourcePosition> lowest = lowestCommitted(partitions);
    Map<SourcePartition, Optional<SourcePosition>> resume = new HashMap<>();
    for (SourcePartition partition : partitions) {
      Optional<SourcePosition> position = Optional.ofNullable(lowest.get(partition));
      resume.put(partition, position);
      // What was read beyond the resume point was dropped, so it no longer counts as read.
      position.ifPresentOrElse(
          p -> readPositions.put(partition, p), () -> readPositions.remove(partition));
    }
    return resume;
  }

  private Map<SourcePartition, SourcePosition> committedPositions(
      TableSink<?> sink, Set<SourcePartition> partitions) {
    try {
      Table table = catalog.loadTable(sink.identifier());
      if (!table.properties().containsKey(pipelineTables.markerKey())) {
        return Map.of();
      }
      sink.markTableExists();
      return SourcePositions.committed(table, partitions);
    } catch (NoSuchTableException notCreatedYetOrDropped) {
      sink.markTableMissing();
      return Map.of();
    }
  }

  /**
   * Per partition, the lowest committed position over the pipeline's existing tables; a partition
   * that some existing table has no position for is absent (read it from the start).
   */
  private Map<SourcePartition, SourcePosition> lowestCommitted(Set<SourcePartition> partitions) {
    Map<SourcePartition, SourcePosition> lowest = new HashMap<>();
    Set<SourcePartition> unknown = new HashSet<>();
    for (TableSink<?> sink : sinks()) {
      if (!sink.tableExists()) {
        continue;
      }
      for (SourcePartition partition : partitions) {
        Optional<SourcePosition> committed = sink.state().committed(partition);
        if (committed.isEmpty()) {
          unknown.add(partition);
        } else {
          lowest.merge(partition, committed.get(), SourcePosition::min);
        }
      }
    }
    unknown.forEach(lowest::remove);
    return lowest;
  }

  private final class Assignments implements PartitionAssignments {
    @Override
    public Map<SourcePartition, Optional<SourcePosition>> assigned(
        Set<SourcePartition> partitions) {
      owned.addAll(partitions);
      // The tables, not the consumer group, say where to resume; the source seeks there itself.
      return resynchronize(partitions);
    }

    @Override
    public void revoked(Set<SourcePartition> partitions) {
      // The next owner resumes from the tables' positions, so dropping is safe and never
      // duplicates.
      owned.removeAll(partitions);
      for (TableSink<?> sink : sinks()) {
        sink.batch().drop(partitions);
        sink.state().forget(partitions);
      }
      partitions.forEach(readPositions::remove);
      bufferedBytes = sinks().stream().mapToLong(sink -> sink.batch().bytes()).sum();
      LOG.info("Partitions {} revoked from pipeline {}", partitions, settings.name());
    }
  }

  private final class DataTableLayout implements SchemaEvolver.TableLayout {
    @Override
    public List<Types.NestedField> systemColumns() {
      return SystemColumns.initialColumns(settings.sourceColumn(), settings.sourceKind());
    }

    @Override
    public List<String> partitionBy(TableIdentifier table) {
      return settings.partitionBy(table);
    }

    @Override
    public Map<String, String> tableProperties(TableIdentifier table) {
      Map<String, String> properties = new HashMap<>(settings.tableProperties(table));
      properties.put(pipelineTables.markerKey(), "true");
      return properties;
    }
  }
}
