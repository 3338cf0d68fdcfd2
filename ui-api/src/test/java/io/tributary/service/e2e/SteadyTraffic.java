package io.tributary.service.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Records produced to one topic at a steady rate from a background thread, between {@link #start()}
 * and {@link #stop()}, numbered on across starts. Made for fault tests: a send that fails (the
 * broker is down for longer than the delivery timeout) is counted, not fatal, and the tests compare
 * the tables with the offsets the topic really holds rather than with what was sent.
 */
final class SteadyTraffic implements AutoCloseable {
  private final Topics topics;
  private final String topic;
  private final int perSecond;
  private final LongFunction<byte[]> value;
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  SteadyTraffic(Topics topics, String topic, int perSecond, LongFunction<byte[]> value) {
    this.topics = topics;
    this.topic = topic;
    this.perSecond = perSecond;
    this.value = value;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this::produce, "traffic-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops producing and returns once everything sent is acknowledged or has failed. */
  synchronized void stop() throws InterruptedException {
    if (thread == null) {
      return;
    }
    running = false;
    thread.join(Duration.ofMinutes(3).toMillis());
    if (thread.isAlive()) {
      throw new IllegalStateException("producing to " + topic + " did not stop in 3 minutes");
    }
    thread = null;
  }

  /** Records sent so far, acknowledged or not. */
  long sent() {
    return nextId.get();
  }

  /** Sends that failed, for the log: they are simply not in the topic. */
  long failures() {
    return failures.get();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void produce() {
    KafkaProducer<String, byte[]> producer = topics.producer();
    long start = System.nanoTime();
    long sentHere = 0;
    try {
      while (running) {
        long ahead = start + sentHere * 1_000_000_000L / perSecond - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        }
        long id = nextId.getAndIncrement();
        sentHere++;
        try {
          producer.send(
              new ProducerRecord<>(topic, Long.toString(id), value.apply(id)),
              (metadata, error) -> {
                if (error != null) {
                  failures.incrementAndGet();
                }
              });
        } catch (KafkaException fatal) {
          // A producer in a fatal state takes no more records; a fresh one does.
          failures.incrementAndGet();
          producer.close(Duration.ZERO);
          producer = topics.producer();
        }
      }
      producer.flush();
    } finally {
      producer.close();
    }
  }
}
