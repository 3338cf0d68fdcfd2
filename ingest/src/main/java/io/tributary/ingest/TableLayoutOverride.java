package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one table differs from the pipeline's defaults when it is created: its own partition
 * transforms (empty: the defaults) and extra Iceberg table properties.
 */
public record TableLayoutOverride(
    Optional<List<String>> partitionBy, Map<String, String> properties) {
  public TableLayoutOverride {
    requireNonNull(partitionBy, "partitionBy is null");
    partitionBy = partitionBy.map(List::copyOf);
    partitionBy.ifPresent(expressions -> expressions.forEach(PartitionSpecs::check));
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
  }
}
