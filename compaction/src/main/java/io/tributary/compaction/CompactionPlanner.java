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
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Picks files to merge, per partition. A cold partition (not written for a while) is compacted
 * completely: every file below the target size is rewritten, so it ends with about {@code
 * ceil(bytes / target)} files. A hot partition is compacted once its small files reach a bound, so
 * one still being written never has more than that many outstanding; its small files are bin-packed
 * into groups of about the target size, largest first.
 */
public final class CompactionPlanner {
  private static final int CROWDED_PARTITIONS_SHOWN = 10;
  // A cold partition is rewritten in groups of at most this many target-sized files, so one
  // rewrite never holds a huge partition's worth of work.
  private static final int COLD_GROUP_TARGET_FILES = 8;

  private final CompactionSettings settings;

  public CompactionPlanner(CompactionSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Plans on the table's current snapshot, within the input bytes still in the budget. */
  public CompactionPlan plan(Table table, long nowMillis, long budgetBytes) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new CompactionPlan(-1, List.of(), FileLayout.empty());
    }
    long target = TargetFileSize.of(table, settings);
    // The runner sorts a group of a sorted table in memory: one target size is all it may hold.
    int groupTargets = table.sortOrder().isSorted() ? 1 : COLD_GROUP_TARGET_FILES;
    return plan(
        current.snapshotId(),
        partitions(table, current, target),
        target,
        groupTargets,
        nowMillis,
        budgetBytes);
  }

  CompactionPlan plan(
      long snapshotId,
      List<PartitionFiles> partitions,
      long targetBytes,
      long nowMillis,
      long budgetBytes) {
    return plan(
        snapshotId, partitions, targetBytes, COLD_GROUP_TARGET_FILES, nowMillis, budgetBytes);
  }

  /**
   * @param groupTargets how many target sizes one group of a cold partition may hold
   */
  CompactionPlan plan(
      long snapshotId,
      List<PartitionFiles> partitions,
      long targetBytes,
      int groupTargets,
      long nowMillis,
      long budgetBytes) {
    long smallBelow = (long) (targetBytes * settings.smallFileRatio());
    long maxGroupBytes = Math.min(groupTargets * targetBytes, settings.maxBytesPerMinute());
    List<FileGroup> groups = new ArrayList<>();
    List<PartitionLayout> layouts = new ArrayList<>();
    long budget = budgetBytes;
    long oldestOutstanding = Long.MAX_VALUE;
    for (PartitionFiles partition : partitions) {
      List<DataFile> small =
          partition.files().stream().filter(file -> file.fileSizeInBytes() < smallBelow).toList();
      boolean cold = nowMillis - partition.lastWriteMillis() >= settings.coldAfter().toMillis();
      layouts.add(
          new PartitionLayout(
              partition.partition(),
              partition.files().size(),
              small.size(),
              partition.bytes(),
              cold));
      List<List<DataFile>> bins;
      if (cold && coldNeedsRewrite(partition, small, targetBytes)) {
        bins = chunk(belowTarget(partition, targetBytes), maxGroupBytes);
      } else if (!cold && small.size() >= settings.hotPartitionMaxSmallFiles()) {
        bins = binPack(largestFirst(small), targetBytes);
      } else {
        continue;
      }
      for (List<DataFile> bin : bins) {
        long bytes = bin.stream().mapToLong(DataFile::fileSizeInBytes).sum();
        if (bin.size() < 2) {
          continue;
        }
        if (bytes > budget) {
          oldestOutstanding = Math.min(oldestOutstanding, partition.oldestSmallFileMillis());
          continue;
        }
        budget -= bytes;
        groups.add(new FileGroup(partition.specId(), partition.partition(), bin));
      }
    }
    long lag = oldestOutstanding == Long.MAX_VALUE ? 0 : Math.max(0, nowMillis - oldestOutstanding);
    return new CompactionPlan(snapshotId, groups, layout(layouts, lag));
  }

  /** Whether a cold partition has small files to merge or more files than its bytes need. */
  private static boolean coldNeedsRewrite(
      PartitionFiles partition, List<DataFile> small, long targetBytes) {
    long needed = (partition.bytes() + targetBytes - 1) / targetBytes;
    return small.size() >= 2 || partition.files().size() > needed + 1;
  }

  private static List<DataFile> belowTarget(PartitionFiles partition, long targetBytes) {
    return largestFirst(
        partition.files().stream().filter(file -> file.fileSizeInBytes() < targetBytes).toList());
  }

  private static List<DataFile> largestFirst(List<DataFile> files) {
    return files.stream()
        .sorted(Comparator.comparingLong(DataFile::fileSizeInBytes).reversed())
        .toList();
  }

  /** Consecutive runs of files up to a size; each run becomes one rolling rewrite. */
  private static List<List<DataFile>> chunk(List<DataFile> files, long maxBytes) {
    List<List<DataFile>> chunks = new ArrayList<>();
    List<DataFile> current = new ArrayList<>();
    long bytes = 0;
    for (DataFile file : files) {
      if (!current.isEmpty() && bytes + file.fileSizeInBytes() > maxBytes) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(file);
      bytes += file.fileSizeInBytes();
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  /** First-fit decreasing: files arrive largest first and go into the first bin they fit. */
  private static List<List<DataFile>> binPack(List<DataFile> files, long targetBytes) {
    List<List<DataFile>> bins = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (DataFile file : files) {
      int bin = 0;
      while (bin < bins.size() && sizes.get(bin) + file.fileSizeInBytes() > targetBytes) {
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

  private static FileLayout layout(List<PartitionLayout> partitions, long lagMillis) {
    int dataFiles = partitions.stream().mapToInt(PartitionLayout::dataFiles).sum();
    int smallFiles = partitions.stream().mapToInt(PartitionLayout::smallFiles).sum();
    List<PartitionLayout> crowded =
        partitions.stream()
            .filter(partition -> partition.smallFiles() > 0)
            .sorted(Comparator.comparingInt(PartitionLayout::smallFiles).reversed())
            .limit(CROWDED_PARTITIONS_SHOWN)
            .toList();
    return new FileLayout(dataFiles, smallFiles, partitions.size(), lagMillis, crowded);
  }

  private List<PartitionFiles> partitions(Table table, Snapshot snapshot, long targetBytes) {
    // When data arrived, by data sequence number. Rewritten files carry the rewrite's sequence
    // number, which says nothing about when their rows arrived, so rewrites are left out; files
    // whose snapshot has expired count as old.
    Map<Long, Long> arrivals = new HashMap<>();
    Map<Long, Long> commits = new HashMap<>();
    for (Snapshot each : table.snapshots()) {
      commits.put(each.sequenceNumber(), each.timestampMillis());
      if (!DataOperations.REPLACE.equals(each.operation())) {
        arrivals.put(each.sequenceNumber(), each.timestampMillis());
      }
    }
    PartitionFilesBuilder builder =
        new PartitionFilesBuilder((long) (targetBytes * settings.smallFileRatio()));
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          // Rows deleted by another engine (Trino's DELETE, say) live in delete files that the
          // generic rewrite does not apply: such files are left to an engine that does.
          continue;
        }
        DataFile file = task.file();
        PartitionSpec spec = table.specs().get(file.specId());
        long sequence = file.dataSequenceNumber();
        builder.add(
            spec.partitionToPath(file.partition()),
            file.copyWithoutStats(),
            arrivals.getOrDefault(sequence, 0L),
            commits.getOrDefault(sequence, 0L));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of " + table.name(), e);
    }
    return builder.build();
  }

  /** Collects files per spec and partition while a scan streams them. */
  private static final class PartitionFilesBuilder {
    private final long smallBelow;
    private final Map<String, List<DataFile>> files = new LinkedHashMap<>();
    private final Map<String, Long> lastArrival = new HashMap<>();
    private final Map<String, Long> oldestSmall = new HashMap<>();

    PartitionFilesBuilder(long smallBelow) {
      this.smallBelow = smallBelow;
    }

    void add(String partition, DataFile file, long arrivalMillis, long commitMillis) {
      String key = file.specId() + "/" + partition;
      files.computeIfAbsent(key, ignored -> new ArrayList<>()).add(file);
      lastArrival.merge(key, arrivalMillis, Math::max);
      if (file.fileSizeInBytes() < smallBelow) {
        oldestSmall.merge(key, commitMillis, Math::min);
      }
    }

    List<PartitionFiles> build() {
      List<PartitionFiles> partitions = new ArrayList<>();
      files.forEach(
          (key, list) ->
              partitions.add(
                  new PartitionFiles(
                      list.get(0).specId(),
                      key.substring(key.indexOf('/') + 1),
                      list,
                      lastArrival.get(key),
                      oldestSmall.getOrDefault(key, Long.MAX_VALUE))));
      return partitions;
    }
  }
}
