package io.tributary.ingest;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Appends data files and the source positions they cover in one snapshot. The positions are
 * compared with what the writer expected inside the commit retry loop, so the append lands at most
 * once.
 */
final class PositionedAppend {
  private PositionedAppend() {}

  static Snapshot commit(
      Table table,
      ExecutorService manifestWorkers,
      List<DataFile> files,
      Map<SourcePartition, Optional<SourcePosition>> expected,
      Map<SourcePartition, SourcePosition> handled,
      String pipelineId,
      String commitId) {
    // Our own workers: Iceberg's shared pool is shut down by a JVM hook as soon as SIGTERM
    // arrives, while the shutdown commit still needs to read and merge manifests.
    AppendFiles append = table.newAppend().scanManifestsWith(manifestWorkers);
    files.forEach(append::appendFile);
    handled.forEach(
        (partition, position) ->
            append.set(SourcePositions.summaryKey(partition), position.toString()));
    append.set(SourcePositions.PIPELINE_ID, pipelineId);
    append.set(SourcePositions.COMMIT_ID, commitId);
    append.validateWith(new PositionGuard(expected));
    append.commit();
    return table.currentSnapshot();
  }
}
