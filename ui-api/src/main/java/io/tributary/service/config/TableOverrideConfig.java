package io.tributary.service.config;

import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How one table differs from the pipeline's table defaults when it is created. */
public interface TableOverrideConfig {
  /** The table, as {@code namespace.table}. */
  @Pattern(regexp = Names.TABLE, message = Names.TABLE_MESSAGE)
  String table();

  /** Partition transforms for this table, instead of the defaults'. */
  Optional<List<String>> partitionBy();

  /** Iceberg table properties for this table, over the defaults'. */
  Map<String, String> properties();

  /** Steps the table's records go through after the pipeline's own. */
  Optional<List<TransformConfig>> transforms();
}
