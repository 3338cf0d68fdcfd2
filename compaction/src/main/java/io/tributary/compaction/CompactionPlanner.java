package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Picks small files to merge, per partition: cold partitions (not written for a while) are
 * compacted completely; hot ones once their small files reach a bound, so a partition that is still
 * being written never has more than that many outstanding. Small files are bin-packed into groups
 * of about the target size, largest first.
 */
public final class CompactionPlanner {
  private final CompactionSettings settings;

  public CompactionPlanner(CompactionSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  public CompactionPlan plan(Table table, long nowMillis) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new CompactionPlan(-1, List.of());
    }
    return plan(current.snapshotId(), partitions(table, current), nowMillis);
  }

  CompactionPlan plan(long snapshotId, List<PartitionFiles> partitions, long nowMillis) {
    List<FileGroup> groups = new ArrayList<>();
    long budget = settings.maxBytesPerRun();
    for (PartitionFiles partition : partitions) {
      List<DataFile> small =
          partition.files().stream()
              .filter(file -> file.fileSizeInBytes() < settings.smallFileThresholdBytes())
              .sorted(Comparator.comparingLong(DataFile::fileSizeInBytes).reversed())
              .toList();
      boolean cold = nowMillis - partition.lastWriteMillis() >= settings.coldAfter().toMillis();
      boolean due = cold ? small.size() >= 2 : small.size() >= settings.hotPartitionMaxSmallFiles();
      if (!due) {
        continue;
      }
      for (List<DataFile> bin : binPack(small)) {
        long bytes = bin.stream().mapToLong(DataFile::fileSizeInBytes).sum();
        if (bin.size() < 2 || bytes > budget) {
          continue;
        }
        budget -= bytes;
        groups.add(new FileGroup(partition.specId(), partition.partition(), bin));
      }
    }
    return new CompactionPlan(snapshotId, groups);
  }

  /** First-fit decreasing: files arrive largest first and go into the first bin they fit. */
  private List<List<DataFile>> binPack(List<DataFile> files) {
    List<List<DataFile>> bins = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (DataFile file : files) {
      int bin = 0;
      while (bin < bins.size()
          && sizes.get(bin) + file.fileSizeInBytes() > settings.targetFileSizeBytes()) {
        bin++;
      }
      if (bin == bins.size()) {
        bins.add(new ArrayList<>());
        sizes.add(0L);
      }
      bins.get(bin).add(file);
      sizes.set(bin, sizes.get(bin) + file.fileSizeInBytes());
    }
    return bins;
  }

  private static List<PartitionFiles> partitions(Table table, Snapshot snapshot) {
    Map<Long, Long> sequenceTimes = new HashMap<>();
    for (Snapshot each : table.snapshots()) {
      sequenceTimes.put(each.sequenceNumber(), each.timestampMillis());
    }
    Map<String, List<DataFile>> files = new LinkedHashMap<>();
    Map<String, Long> lastWrite = new HashMap<>();
    Map<String, Integer> specs = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        PartitionSpec spec = table.specs().get(file.specId());
        String key = file.specId() + "/" + spec.partitionToPath(file.partition());
        files.computeIfAbsent(key, k -> new ArrayList<>()).add(file.copyWithoutStats());
        specs.put(key, file.specId());
        // Files whose snapshot was expired count as old.
        long written = sequenceTimes.getOrDefault(file.dataSequenceNumber(), 0L);
        lastWrite.merge(key, written, Math::max);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of " + table.name(), e);
    }
    List<PartitionFiles> partitions = new ArrayList<>();
    files.forEach(
        (key, list) ->
            partitions.add(
                new PartitionFiles(
                    specs.get(key),
                    key.substring(key.indexOf('/') + 1),
                    list,
                    lastWrite.get(key))));
    return partitions;
  }
}
