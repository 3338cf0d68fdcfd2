package io.tributary.ingest;

import io.tributary.catalog.HadoopDefaultResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes rows into Parquet data files of a table with Iceberg's generic writers: one rolling file
 * per partition, split at the table's target file size.
 */
final class DataFileWriter {
  private final Table table;
  private final String operationId;
  private int taskId;

  DataFileWriter(Table table, String operationId) {
    this.table = table;
    this.operationId = operationId;
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
    PartitionKey partitionKey = new PartitionKey(table.spec(), table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    FanoutDataWriter<Record> writer =
        new FanoutDataWriter<>(writerFactory, files, table.io(), targetFileSize);
    try (writer) {
      while (rows.hasNext()) {
        Record row = rows.next();
        partitionKey.partition(wrapper.wrap(row));
        writer.write(row, table.spec(), partitionKey);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write data files for table " + table.name(), e);
    }
    DataWriteResult result = writer.result();
    return result.dataFiles();
  }
}
