package io.tributary.compaction;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/** The in-memory FileIO with listing, as object stores have; creation times can be aged. */
final class ListingInMemoryFileIO extends InMemoryFileIO implements SupportsPrefixOperations {
  static final Map<String, Long> CREATED = new ConcurrentHashMap<>();

  @Override
  public OutputFile newOutputFile(String path) {
    CREATED.put(path, System.currentTimeMillis());
    return super.newOutputFile(path);
  }

  @Override
  public void deleteFile(String path) {
    CREATED.remove(path);
    super.deleteFile(path);
  }

  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    return CREATED.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(prefix) && fileExists(entry.getKey()))
        .map(entry -> new FileInfo(entry.getKey(), 0, entry.getValue()))
        .toList();
  }

  @Override
  public void deletePrefix(String prefix) {
    List.copyOf(CREATED.keySet()).stream()
        .filter(path -> path.startsWith(prefix))
        .forEach(this::deleteFile);
  }
}
