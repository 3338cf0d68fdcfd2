package io.tributary.ingest;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Records buffered for one table until the next commit, with an estimate of their heap size. */
final class TableBatch<T> {
  // A decoded JSON record (a tree of nodes, keys, boxed numbers) takes several times its
  // serialized size on the heap; measured at about five times for 1 KB events.
  private static final int DECODED_SIZE_FACTOR = 6;
  private static final int RECORD_OVERHEAD_BYTES = 256;

  private final List<Entry<T>> entries = new ArrayList<>();
  private long bytes;

  record Entry<T>(SourceRecord source, T content) {}

  void add(SourceRecord source, T content) {
    entries.add(new Entry<>(source, content));
    bytes += heapEstimate(source);
  }

  /** The heap a buffered record is expected to take, decoded, with its source record. */
  static long heapEstimate(SourceRecord record) {
    return (long) record.sizeInBytes() * DECODED_SIZE_FACTOR + RECORD_OVERHEAD_BYTES;
  }

  List<Entry<T>> entries() {
    return entries;
  }

  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  void clear() {
    entries.clear();
    bytes = 0;
  }

  void drop(Set<SourcePartition> partitions) {
    entries.removeIf(entry -> partitions.contains(entry.source().partition()));
    bytes = entries.stream().mapToLong(entry -> heapEstimate(entry.source())).sum();
  }
}
