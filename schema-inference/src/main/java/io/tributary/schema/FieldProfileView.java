package io.tributary.schema;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A field's profile at one moment.
 *
 * @param records records profiled since profiling started (a spread sample of each commit)
 * @param present records where the field held a non-null value (list elements count one each)
 * @param rescued values of the field that went to {@code _rescued_data}
 * @param types how many values of each JSON type were seen
 * @param distinct approximate count of distinct scalar values
 * @param minNumber the smallest number seen, exactly as written, or null
 */
public record FieldProfileView(
    String path,
    long records,
    long present,
    long nulls,
    long rescued,
    Map<String, Long> types,
    long distinct,
    String minNumber,
    String maxNumber,
    Instant minTime,
    Instant maxTime,
    Instant firstSeen,
    Instant lastSeen) {
  public FieldProfileView {
    requireNonNull(path, "path is null");
    types = Map.copyOf(requireNonNull(types, "types is null"));
  }

  /**
   * Share of records holding a non-null value here. Inside a list one record can hold many values,
   * so there the share is of observed values rather than of records.
   */
  public double presenceRatio() {
    long observations = observations();
    return observations == 0 ? 0 : (double) present / observations;
  }

  public double nullRatio() {
    long observations = observations();
    return observations == 0 ? 0 : (double) nulls / observations;
  }

  private long observations() {
    return Math.max(records, present + nulls);
  }
}
