package io.tributary.ingest;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Records buffered for one table until the next commit. */
final class TableBatch<T> {
  private final List<Entry<T>> entries = new ArrayList<>();
  private long bytes;

  record Entry<T>(SourceRecord source, T content) {}

  void add(SourceRecord source, T content) {
    entries.add(new Entry<>(source, content));
    bytes += source.sizeInBytes();
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
    bytes = entries.stream().mapToLong(entry -> entry.source().sizeInBytes()).sum();
  }
}
