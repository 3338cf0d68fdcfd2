package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.FieldHint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Applies a pipeline's transforms to routed records: the pipeline's steps, then the table's. Runs
 * before schema placement, so inference, rescue, profiles, drift samples and the table only ever
 * see transformed, and so masked, records.
 */
public final class TransformStage {
  private final Transforms transforms;
  private final boolean withholdValues;
  private final TransformChain pipelineChain;
  private final Map<TableIdentifier, TransformChain> chains = new ConcurrentHashMap<>();

  public TransformStage(Transforms transforms) {
    this.transforms = requireNonNull(transforms, "transforms is null");
    this.withholdValues = transforms.masks();
    this.pipelineChain = TransformChain.of(transforms.pipeline(), "", List.of(), withholdValues);
  }

  public Transforms transforms() {
    return transforms;
  }

  /** Transforms a record routed to a table. */
  public TransformResult apply(TableIdentifier table, ObjectNode record, String coordinates) {
    TransformChain chain = chain(table);
    return chain.isEmpty() ? new TransformResult.Kept(record) : chain.apply(record, coordinates);
  }

  /**
   * Transforms a record that no table takes, for its dead letter: through the pipeline's steps. The
   * result is kept only if no table's own steps mask fields, as those could not run on it.
   */
  public TransformResult applyUnrouted(ObjectNode record, String coordinates) {
    TransformResult result =
        pipelineChain.isEmpty()
            ? new TransformResult.Kept(record)
            : pipelineChain.apply(record, coordinates);
    if (!transforms.tablesMask()) {
      return result;
    }
    return result instanceof TransformResult.Filtered
        ? result
        : new TransformResult.Failed(
            "record "
                + coordinates
                + " keeps no parse: tables' own steps mask fields, and no table took it",
            Optional.empty());
  }

  /** The schema hints a table's steps leave behind, such as timestamp steps' fields. */
  public Map<String, FieldHint> hints(TableIdentifier table) {
    return chain(table).hints();
  }

  /**
   * A short fingerprint of the steps a table's records go through, {@code none} without steps; it
   * changes when any step's configuration does (an HMAC secret is not part of it).
   */
  public String version(TableIdentifier table) {
    return chain(table).version();
  }

  private TransformChain chain(TableIdentifier table) {
    return chains.computeIfAbsent(
        table,
        t ->
            TransformChain.of(
                transforms.pipeline(),
                "tables[" + t + "]",
                transforms.tables().getOrDefault(t, List.of()),
                withholdValues));
  }
}
