package io.tributary.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of one pipeline, read by the admin API and metrics from other threads. */
public final class PipelineStatus {
  /** Where the pipeline is in its life. */
  public enum State {
    STARTING,
    RUNNING,
    /** Running, but some tables' commits fail; {@link #tables()} names them. */
    DEGRADED,
    RETRYING,
    STOPPING,
    STOPPED,
    FAILED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
  private final AtomicLong recordsRead = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong recordsFiltered = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final AtomicLong lastCommitMillis = new AtomicLong();
  private final AtomicLong lastProgressMillis = new AtomicLong(System.currentTimeMillis());
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile boolean sourcePaused;
  private volatile List<TableStatus> tables = List.of();

  public State state() {
    return state.get();
  }

  public long recordsRead() {
    return recordsRead.get();
  }

  public long rowsCommitted() {
    return rowsCommitted.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /** Records a filter transform left out; they are in no table and no dead letter. */
  public long recordsFiltered() {
    return recordsFiltered.get();
  }

  public long commits() {
    return commits.get();
  }

  public long bufferedBytes() {
    return bufferedBytes.get();
  }

  public Optional<Instant> lastCommit() {
    long millis = lastCommitMillis.get();
    return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  /** When the pipeline loop last completed an iteration; liveness checks read this. */
  public Instant lastProgress() {
    return Instant.ofEpochMilli(lastProgressMillis.get());
  }

  /** Whether reading is paused because the buffer is full (commits cannot keep up). */
  public boolean sourcePaused() {
    return sourcePaused;
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError.get());
  }

  /** Each table the pipeline writes, with its commit health. */
  public List<TableStatus> tables() {
    return tables;
  }

  void tables(List<TableStatus> statuses) {
    tables = List.copyOf(statuses);
  }

  void state(State newState) {
    state.set(newState);
  }

  void read(int records) {
    recordsRead.addAndGet(records);
  }

  void filtered(int records) {
    recordsFiltered.addAndGet(records);
  }

  void sourcePaused(boolean paused) {
    sourcePaused = paused;
  }

  void buffered(long bytes) {
    bufferedBytes.set(bytes);
  }

  void committed(long rows, long deadLetterRows) {
    rowsCommitted.addAndGet(rows);
    deadLetters.addAndGet(deadLetterRows);
    commits.incrementAndGet();
    lastCommitMillis.set(System.currentTimeMillis());
    lastError.set(null);
  }

  void progressed() {
    lastProgressMillis.set(System.currentTimeMillis());
  }

  void failed(String error) {
    lastError.set(error);
  }
}
