package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.TableProvisioner;
import io.tributary.schema.ColumnAddition;
import io.tributary.schema.ObservedStruct;
import io.tributary.schema.SchemaPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a table's schema hold what was observed, before the data that needs it is written: creates
 * the table on first use, otherwise adds the missing optional columns. Schema commits race with
 * other replicas, so a conflict refreshes the table and plans again.
 */
final class SchemaEvolver {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolver.class);
  private static final int MAX_ATTEMPTS = 5;

  private final TableProvisioner provisioner;
  private final SchemaPlanner planner;
  private final TableLayout layout;

  SchemaEvolver(TableProvisioner provisioner, SchemaPlanner planner, TableLayout layout) {
    this.provisioner = requireNonNull(provisioner, "provisioner is null");
    this.planner = requireNonNull(planner, "planner is null");
    this.layout = requireNonNull(layout, "layout is null");
  }

  Table evolve(TableIdentifier identifier, ObservedStruct observed) {
    Types.StructType observedType =
        observed.toStructType().map(Type::asStructType).orElse(Types.StructType.of());
    Schema initial = initialSchema(observedType);
    Table table =
        provisioner.loadOrCreate(
            identifier,
            initial,
            layout.partitionSpec(identifier, initial),
            layout.tableProperties(identifier));
    for (int attempt = 1; ; attempt++) {
      List<ColumnAddition> additions = planner.plan(table.schema().asStruct(), observedType);
      if (additions.isEmpty()) {
        return table;
      }
      try {
        UpdateSchema update = table.updateSchema();
        for (ColumnAddition addition : additions) {
          update.addColumn(addition.parent().orElse(null), addition.name(), addition.type());
        }
        update.commit();
        LOG.info("Table {}: added columns {}", identifier, additions);
        table.refresh();
        return table;
      } catch (CommitFailedException | IllegalArgumentException e) {
        // Another writer changed the schema first (possibly adding the same columns): re-plan.
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.info(
            "Table {}: schema changed concurrently, planning again: {}",
            identifier,
            e.getMessage());
        table.refresh();
      }
    }
  }

  private Schema initialSchema(Types.StructType observed) {
    List<Types.NestedField> fields = new ArrayList<>(layout.systemColumns());
    for (ColumnAddition addition : planner.plan(Types.StructType.of(fields), observed)) {
      fields.add(Types.NestedField.optional(0, addition.name(), addition.type()));
    }
    AtomicInteger nextId = new AtomicInteger();
    Type withIds = TypeUtil.assignFreshIds(Types.StructType.of(fields), nextId::incrementAndGet);
    return new Schema(withIds.asStructType().fields());
  }

  /** The layout a new data table gets. */
  interface TableLayout {
    List<Types.NestedField> systemColumns();

    org.apache.iceberg.PartitionSpec partitionSpec(TableIdentifier table, Schema schema);

    Map<String, String> tableProperties(TableIdentifier table);
  }
}
