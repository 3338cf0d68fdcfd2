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
 * Applies a pipeline's transforms: the pipeline's steps to every decoded record before it is routed
 * (so a route may use a derived or renamed field, and routing sees masked values), then the steps
 * of the table it was routed to. Both run before schema placement, so inference, rescue, profiles,
 * drift samples and the table only ever see transformed, and so masked, records.
 */
public final class TransformStage {
  private final Transforms transforms;
  private final boolean withholdValues;
  private final TransformChain pipelineChain;
  private final Map<TableIdentifier, TransformChain> tableChains = new ConcurrentHashMap<>();
  private final Map<TableIdentifier, TransformChain> wholeChains = new ConcurrentHashMap<>();

  public TransformStage(Transforms transforms) {
    this.transforms = requireNonNull(transforms, "transforms is null");
    this.withholdValues = transforms.masks();
    this.pipelineChain = TransformChain.of(transforms.pipeline(), "", List.of(), withholdValues);
  }

  /** Loads what every step needs before the first record. */
  public void open() {
    transforms.pipeline().forEach(TransformStep::open);
    transforms.tables().values().forEach(steps -> steps.forEach(TransformStep::open));
  }

  public Transforms transforms() {
    return transforms;
  }

  /** Transforms a decoded record with the pipeline's own steps, before it is routed. */
  public TransformResult applyPipeline(ObjectNode record, String coordinates) {
    return pipelineChain.isEmpty()
        ? new TransformResult.Kept(record)
        : pipelineChain.apply(record, coordinates);
  }

  /** Transforms a decoded record for a table: the pipeline's steps, then the table's. */
  public TransformResult apply(TableIdentifier table, ObjectNode record, String coordinates) {
    TransformResult prepared = applyPipeline(record, coordinates);
    return prepared instanceof TransformResult.Kept kept
        ? applyTable(table, kept.record(), coordinates)
        : prepared;
  }

  /** Transforms a record routed to a table with that table's own steps. */
  public TransformResult applyTable(TableIdentifier table, ObjectNode record, String coordinates) {
    TransformChain chain =
        tableChains.computeIfAbsent(
            table,
            t ->
                TransformChain.of(
                    List.of(),
                    "tables[" + t + "]",
                    transforms.tables().getOrDefault(t, List.of()),
                    withholdValues));
    return chain.isEmpty() ? new TransformResult.Kept(record) : chain.apply(record, coordinates);
  }

  /**
   * The parse a dead letter of a record that no table takes may keep: the record after the
   * pipeline's steps, unless some table's own steps mask fields, as those could not run on it.
   */
  public Optional<ObjectNode> unroutedParse(ObjectNode record) {
    return transforms.tablesMask() ? Optional.empty() : Optional.of(record);
  }

  /** The schema hints a table's steps leave behind, such as timestamp steps' fields. */
  public Map<String, FieldHint> hints(TableIdentifier table) {
    return wholeChain(table).hints();
  }

  /**
   * A short fingerprint of the steps a table's records go through, {@code none} without steps; it
   * changes when any step's configuration does (an HMAC secret is not part of it).
   */
  public String version(TableIdentifier table) {
    return wholeChain(table).version();
  }

  private TransformChain wholeChain(TableIdentifier table) {
    return wholeChains.computeIfAbsent(
        table,
        t ->
            TransformChain.of(
                transforms.pipeline(),
                "tables[" + t + "]",
                transforms.tables().getOrDefault(t, List.of()),
                withholdValues));
  }
}
