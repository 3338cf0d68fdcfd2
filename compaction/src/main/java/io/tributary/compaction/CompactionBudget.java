package io.tributary.compaction;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Input bytes compaction may still rewrite in the current minute, over a sliding window, so a burst
 * of small files never takes the machine away from ingestion for long.
 */
public final class CompactionBudget {
  private static final long WINDOW_MILLIS = 60_000;

  private final long bytesPerMinute;
  private final Deque<long[]> spent = new ArrayDeque<>();
  private long spentInWindow;

  public CompactionBudget(long bytesPerMinute) {
    if (bytesPerMinute <= 0) {
      throw new IllegalArgumentException("bytes per minute must be positive: " + bytesPerMinute);
    }
    this.bytesPerMinute = bytesPerMinute;
  }

  public synchronized long available(long nowMillis) {
    while (!spent.isEmpty() && spent.peekFirst()[0] <= nowMillis - WINDOW_MILLIS) {
      spentInWindow -= spent.removeFirst()[1];
    }
    return Math.max(0, bytesPerMinute - spentInWindow);
  }

  public synchronized void spend(long nowMillis, long bytes) {
    if (bytes > 0) {
      spent.addLast(new long[] {nowMillis, bytes});
      spentInWindow += bytes;
    }
  }
}
