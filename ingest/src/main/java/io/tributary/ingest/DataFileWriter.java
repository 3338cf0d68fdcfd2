package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.HadoopDefaultResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.StructLikeMap;

/**
 * Writes rows into Parquet data files of a table with Iceberg's generic writers: one rolling file
 * per partition, split at the table's target file size.
 *
 * <p>Rows are written as they come, each into its partition's open file. Closing a file flushes its
 * last row group and uploads it, which for a round touching many partitions is most of the wall
 * clock; the files are closed side by side on the given executor, so a round costs about its
 * slowest upload instead of the sum of them.
 */
final class DataFileWriter {
  private final Table table;
  private final String operationId;
  private final Executor closers;
  private int taskId;

  /** Closes files on the calling thread. */
  DataFileWriter(Table table, String operationId) {
    this(table, operationId, Runnable::run);
  }

  DataFileWriter(Table table, String operationId, Executor closers) {
    this.table = requireNonNull(table, "table is null");
    this.operationId = requireNonNull(operationId, "operationId is null");
    this.closers = requireNonNull(closers, "closers is null");
  }

  /** Writes the rows; the files are not part of the table until they are committed. */
  List<DataFile> write(Iterator<Record> rows) {
    return HadoopDefaultResources.hidden(() -> writeFiles(rows));
  }

  private List<DataFile> writeFiles(Iterator<Record> rows) {
    long targetFileSize =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    GenericFileWriterFactory writerFactory =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, taskId++, 0)
            .format(FileFormat.PARQUET)
            .operationId(operationId)
            .build();
    PartitionSpec spec = table.spec();
    PartitionKey partitionKey = new PartitionKey(spec, table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    Map<StructLike, RollingDataWriter<Record>> writers = StructLikeMap.create(spec.partitionType());
    try {
      while (rows.hasNext()) {
        Record row = rows.next();
        partitionKey.partition(wrapper.wrap(row));
        RollingDataWriter<Record> writer = writers.get(partitionKey);
        if (writer == null) {
          PartitionKey partition = partitionKey.copy();
          writer =
              new RollingDataWriter<>(
                  writerFactory, files, table.io(), targetFileSize, spec, partition);
          writers.put(partition, writer);
        }
        writer.write(row);
      }
    } catch (RuntimeException e) {
      // The files written so far belong to no snapshot; the orphan sweep removes them.
      writers.values().forEach(DataFileWriter::closeQuietly);
      throw e;
    }
    return closeAll(List.copyOf(writers.values()));
  }

  private List<DataFile> closeAll(List<RollingDataWriter<Record>> writers) {
    List<CompletableFuture<Void>> closing = new ArrayList<>(writers.size());
    for (RollingDataWriter<Record> writer : writers) {
      closing.add(
          CompletableFuture.runAsync(
              () -> HadoopDefaultResources.hidden(() -> close(writer)), closers));
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    List<DataFile> dataFiles = new ArrayList<>();
    writers.forEach(writer -> dataFiles.addAll(writer.result().dataFiles()));
    return dataFiles;
  }

  private Void close(RollingDataWriter<Record> writer) {
    try {
      writer.close();
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write data files for table " + table.name(), e);
    }
  }

  private static void closeQuietly(RollingDataWriter<Record> writer) {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      // The write already failed; that failure is the one to report.
    }
  }
}
