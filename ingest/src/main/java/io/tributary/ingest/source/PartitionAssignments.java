package io.tributary.ingest.source;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Called by a source, on its polling thread, when partitions move to or away from this process. */
public interface PartitionAssignments {
  /**
   * Returns, for each newly assigned partition, the last position already handled (reading resumes
   * after it); a partition absent from the result starts from the source's configured start.
   */
  Map<SourcePartition, Optional<SourcePosition>> assigned(Set<SourcePartition> partitions);

  /** Partitions taken away: their buffered records must not be committed by this process. */
  void revoked(Set<SourcePartition> partitions);
}
