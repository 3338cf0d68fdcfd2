package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Layout of tables created by a pipeline. */
public interface TableDefaults {
  /**
   * Partition transforms: {@code day(event_time)}, {@code hour(f)}, {@code bucket[16](f)}, {@code
   * truncate[4](f)}, {@code f}. Defaults to the day of the event time, or of the broker timestamp.
   */
  Optional<List<String>> partitionBy();

  /** A field holding ISO-8601 timestamps with an offset; it becomes a timestamptz column. */
  Optional<String> eventTimeField();

  /** Whether rows carry their source coordinates in a {@code _source} struct column. */
  @WithDefault("true")
  boolean sourceColumn();

  /**
   * Iceberg table properties for created tables, for example {@code write.target-file-size-bytes}.
   */
  Map<String, String> properties();
}
