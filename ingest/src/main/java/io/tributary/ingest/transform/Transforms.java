package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A pipeline's transform steps as configured: those of the pipeline, which every record goes
 * through after routing, then those of its table.
 *
 * @param keepRawWithMasking whether dead letters of a pipeline that masks fields keep their raw
 *     bytes; otherwise they keep the masked parse of the record, or nothing
 */
public record Transforms(
    List<TransformStep> pipeline,
    Map<TableIdentifier, List<TransformStep>> tables,
    boolean keepRawWithMasking) {
  public Transforms {
    pipeline = List.copyOf(requireNonNull(pipeline, "pipeline is null"));
    tables =
        Map.copyOf(requireNonNull(tables, "tables is null")).entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
  }

  public static Transforms none() {
    return new Transforms(List.of(), Map.of(), false);
  }

  /** Whether any step, of the pipeline or of a table, masks fields. */
  public boolean masks() {
    return pipeline.stream().anyMatch(TransformStep::masks) || tablesMask();
  }

  boolean tablesMask() {
    return tables.values().stream().flatMap(List::stream).anyMatch(TransformStep::masks);
  }

  /** Whether dead letters keep their raw bytes: always, unless a step masks fields. */
  public boolean keepRawDeadLetters() {
    return keepRawWithMasking || !masks();
  }
}
