package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.HadoopDefaultResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites each planned group with Iceberg's generic readers and writers and commits it with {@code
 * RewriteFiles}, validated from the planned snapshot: appends made meanwhile never conflict and are
 * never lost. A group that conflicts for real is skipped and planned again next run. Rows of a
 * table with a sort order are sorted within each rewritten group.
 */
public final class CompactionRunner {
  /** Input bytes of one group of a sorted table; the group is sorted in memory. */
  static final long SORTED_GROUP_MAX_BYTES = 64L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(CompactionRunner.class);

  private final CompactionSettings settings;

  public CompactionRunner(CompactionSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  public CompactionResult run(Table table, CompactionPlan plan) {
    if (plan.isEmpty()) {
      return CompactionResult.empty();
    }
    int threads = Math.min(settings.threads(), plan.groups().size());
    if (threads == 1) {
      CompactionResult result = CompactionResult.empty();
      for (FileGroup group : plan.groups()) {
        result = result.plus(rewrite(table, plan.snapshotId(), group));
      }
      return result;
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(threads, runnable -> new Thread(runnable, "compaction"));
    try {
      List<Future<CompactionResult>> results = new ArrayList<>();
      for (FileGroup group : plan.groups()) {
        results.add(executor.submit(() -> rewrite(table, plan.snapshotId(), group)));
      }
      CompactionResult result = CompactionResult.empty();
      for (Future<CompactionResult> each : results) {
        result = result.plus(each.get());
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while compacting " + table.name(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Compaction of " + table.name() + " failed", e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private CompactionResult rewrite(Table table, long snapshotId, FileGroup group) {
    LOG.info(
        "Rewriting {} files ({} bytes) of {} partition {}",
        group.files().size(),
        group.bytes(),
        table.name(),
        group.partition());
    List<DataFile> added = write(table, group);
    LOG.info(
        "Committing the rewrite of {} partition {} into {} files",
        table.name(),
        group.partition(),
        added.size());
    try {
      table
          .newRewrite()
          .validateFromSnapshot(snapshotId)
          .rewriteFiles(new HashSet<>(group.files()), Set.copyOf(added))
          .commit();
      LOG.info(
          "Compacted {} files ({} bytes) into {} in {} partition {}",
          group.files().size(),
          group.bytes(),
          added.size(),
          table.name(),
          group.partition());
      return new CompactionResult(1, group.files().size(), added.size(), group.bytes(), 0);
    } catch (ValidationException conflict) {
      // Another rewrite or a delete touched these files: drop ours, plan again next run.
      LOG.info(
          "Compaction of {} partition {} conflicted: {}",
          table.name(),
          group.partition(),
          conflict.getMessage());
      added.forEach(file -> table.io().deleteFile(file.location()));
      return new CompactionResult(0, 0, 0, 0, 1);
    } catch (LeaseLostException lost) {
      // Refused before reaching the catalog: the new files are nobody's.
      added.forEach(file -> table.io().deleteFile(file.location()));
      throw lost;
    } catch (CommitStateUnknownException unknown) {
      // The new files may be part of the table now: never delete them; the orphan sweep decides.
      throw unknown;
    }
  }

  private List<DataFile> write(Table table, FileGroup group) {
    return HadoopDefaultResources.hidden(() -> rewrite(table, group));
  }

  private List<DataFile> rewrite(Table table, FileGroup group) {
    PartitionSpec spec = table.specs().get(group.specId());
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .dataSortOrder(table.sortOrder())
            .build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, group.specId(), System.currentTimeMillis())
            .format(FileFormat.PARQUET)
            .operationId("compaction-" + UUID.randomUUID())
            .build();
    RollingDataWriter<Record> writer =
        new RollingDataWriter<>(
            writers,
            files,
            table.io(),
            rollingSize(TargetFileSize.of(table, settings), group),
            spec,
            group.files().get(0).partition());
    try (writer) {
      if (table.sortOrder().isSorted()) {
        List<Record> rows = new ArrayList<>();
        group.files().forEach(file -> read(table, file, rows::add));
        Comparator<StructLike> order =
            SortOrderComparators.forSchema(table.schema(), table.sortOrder());
        rows.sort(order);
        rows.forEach(writer::write);
      } else {
        group.files().forEach(file -> read(table, file, writer::write));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot rewrite files of " + table.name() + " partition " + group.partition(), e);
    }
    DataWriteResult result = writer.result();
    return result.dataFiles();
  }

  /**
   * A group packed to fit one target-sized file is written as one file: merged rows can take a
   * little more space than their inputs did, and splitting off a sliver would leave a new small
   * file. Larger groups are split at the target size.
   */
  private static long rollingSize(long targetBytes, FileGroup group) {
    return group.bytes() <= targetBytes ? targetBytes + targetBytes / 2 : targetBytes;
  }

  private static void read(Table table, DataFile file, Consumer<Record> sink) {
    try (CloseableIterable<Record> rows =
        Parquet.read(table.io().newInputFile(file.location()))
            .project(table.schema())
            .createReaderFunc(
                fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
            .build()) {
      rows.forEach(sink);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file.location() + " of " + table.name(), e);
    }
  }
}
