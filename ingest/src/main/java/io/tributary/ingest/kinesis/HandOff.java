package io.tributary.ingest.kinesis;

import static java.util.Objects.requireNonNull;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between the KCL's shard threads, which push, and the pipeline's thread, which
 * pulls. A full queue blocks the pushing shard thread, so the KCL fetches no further than the
 * pipeline reads. One queue for all shards keeps each shard's events in the order they happened.
 */
final class HandOff {
  /** Something that happened to a shard, in the order the pipeline must see it. */
  sealed interface Event permits Started, Records, Lost, Ended {
    SourcePartition shard();
  }

  /** This process now holds the shard's lease. */
  record Started(SourcePartition shard) implements Event {
    Started {
      requireNonNull(shard, "shard is null");
    }
  }

  /** A batch as the KCL delivered it, with the checkpointer that may record positions up to it. */
  record Records(
      SourcePartition shard,
      List<SourceRecord> records,
      long millisBehindLatest,
      ShardCheckpointer checkpointer)
      implements Event {
    Records {
      requireNonNull(shard, "shard is null");
      records = List.copyOf(records);
      requireNonNull(checkpointer, "checkpointer is null");
    }
  }

  record Lost(SourcePartition shard) implements Event {
    Lost {
      requireNonNull(shard, "shard is null");
    }
  }

  /**
   * The shard was read to its end; {@code committed} completes once every record read from it is in
   * the tables, and only then may the shard end be checkpointed.
   */
  record Ended(SourcePartition shard, CompletableFuture<Void> committed) implements Event {
    Ended {
      requireNonNull(shard, "shard is null");
      requireNonNull(committed, "committed is null");
    }
  }

  private static final Duration OFFER_STEP = Duration.ofMillis(500);

  private final BlockingQueue<Event> queue;
  private volatile boolean closed;

  HandOff(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /**
   * Blocks until the event is queued; returns false only when the source closed meanwhile, in which
   * case the event is dropped (the next owner re-reads from the tables' positions).
   */
  boolean put(Event event) throws InterruptedException {
    while (!closed) {
      if (queue.offer(event, OFFER_STEP.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** Waits up to the timeout for a first event, then takes whatever else is queued. */
  List<Event> take(Duration timeout, int max) throws InterruptedException {
    List<Event> events = new ArrayList<>();
    Event first = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (first != null) {
      events.add(first);
      queue.drainTo(events, max - 1);
    }
    return events;
  }

  /** Releases blocked shard threads; events still queued are abandoned. */
  List<Event> close() {
    closed = true;
    List<Event> abandoned = new ArrayList<>();
    queue.drainTo(abandoned);
    return abandoned;
  }

  boolean isClosed() {
    return closed;
  }
}
