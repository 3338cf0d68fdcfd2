package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.TableProvisioner;
import io.tributary.schema.ColumnAddition;
import io.tributary.schema.ColumnWidening;
import io.tributary.schema.SchemaChange;
import io.tributary.schema.SchemaChanges;
import io.tributary.schema.SchemaPlanner;
import io.tributary.schema.SchemaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
 * the table on first use, otherwise applies the planned automatic changes (add optional columns,
 * widen, make optional) through {@code UpdateSchema}. Schema commits race with other replicas, so a
 * conflict refreshes the table, plans again against what is there now, and retries.
 */
final class SchemaEvolver {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolver.class);
  private static final int MAX_ATTEMPTS = 5;

  private final TableProvisioner provisioner;
  private final Supplier<SchemaSettings> settings;
  private final TableLayout layout;

  /**
   * @param settings the schema settings of the batch being prepared (declared types can change them
   *     between batches)
   */
  SchemaEvolver(
      TableProvisioner provisioner, TableLayout layout, Supplier<SchemaSettings> settings) {
    // Athena's rules guard every table this creates and every schema change it commits.
    this.provisioner =
        requireNonNull(provisioner, "provisioner is null").withCreationCheck(AthenaTables::check);
    this.settings = requireNonNull(settings, "settings is null");
    this.layout = requireNonNull(layout, "layout is null");
  }

  /** What evolving a table did: its schema before (absent for a new table) and the changes. */
  record Evolution(
      Table table,
      Optional<Integer> schemaIdBefore,
      List<SchemaChange> changes,
      List<String> capped) {
    Evolution {
      requireNonNull(table, "table is null");
      requireNonNull(schemaIdBefore, "schemaIdBefore is null");
      changes = List.copyOf(changes);
      capped = List.copyOf(capped);
    }

    boolean changed() {
      return !changes.isEmpty();
    }
  }

  Evolution evolve(TableIdentifier identifier, Types.StructType observed) {
    SchemaPlanner planner = new SchemaPlanner(settings.get());
    Schema initial = initialSchema(planner, observed);
    Table table =
        provisioner.loadOrCreate(
            identifier,
            initial,
            layout.partitionSpec(identifier, initial),
            layout.tableProperties(identifier));
    if (table.history().isEmpty() && table.schemas().size() == 1 && sameSchema(table, initial)) {
      // Created just now (or by a racing replica with the same records): the creation is the
      // change.
      List<SchemaChange> created = new ArrayList<>();
      for (Types.NestedField field : table.schema().columns()) {
        if (!layout.systemColumns().stream().anyMatch(c -> c.name().equals(field.name()))) {
          created.add(
              new SchemaChange(
                  SchemaChange.Kind.ADDED, field.name(), null, field.type().toString()));
        }
      }
      Evolution creation = new Evolution(table, Optional.empty(), created, List.of());
      return evolveExisting(planner, identifier, table, observed, creation);
    }
    return evolveExisting(planner, identifier, table, observed, null);
  }

  private Evolution evolveExisting(
      SchemaPlanner planner,
      TableIdentifier identifier,
      Table table,
      Types.StructType observed,
      Evolution creation) {
    for (int attempt = 1; ; attempt++) {
      int before = table.schema().schemaId();
      SchemaChanges changes = planner.changes(table.schema().asStruct(), observed);
      if (!changes.capped().isEmpty()) {
        LOG.warn(
            "Table {}: no column for {}; their values are rescued", identifier, changes.capped());
      }
      if (changes.isEmpty()) {
        return creation != null
            ? creation
            : new Evolution(table, Optional.of(before), List.of(), changes.capped());
      }
      try {
        apply(table, changes);
        LOG.info("Table {}: schema changed: {}", identifier, changes.describe());
        table.refresh();
        List<SchemaChange> all = new ArrayList<>();
        if (creation != null) {
          all.addAll(creation.changes());
        }
        all.addAll(changes.describe());
        return new Evolution(
            table,
            creation != null ? Optional.empty() : Optional.of(before),
            all,
            changes.capped());
      } catch (CommitFailedException | IllegalArgumentException e) {
        // Another writer changed the schema first (possibly the same way): re-check and retry.
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

  private static void apply(Table table, SchemaChanges changes) {
    UpdateSchema update = table.updateSchema();
    for (ColumnAddition addition : changes.additions()) {
      update.addColumn(
          addition.parent().orElse(null),
          addition.name(),
          addition.type(),
          addition.doc().orElse(null));
    }
    for (ColumnWidening widening : changes.widenings()) {
      update.updateColumn(widening.path(), widening.to());
    }
    for (String path : changes.madeOptional()) {
      update.makeColumnOptional(path);
    }
    AthenaTables.check(table, update.apply());
    update.commit();
  }

  private static boolean sameSchema(Table table, Schema initial) {
    return table.schema().asStruct().equals(initial.asStruct());
  }

  private Schema initialSchema(SchemaPlanner planner, Types.StructType observed) {
    List<Types.NestedField> fields = new ArrayList<>(layout.systemColumns());
    for (ColumnAddition addition :
        planner.changes(Types.StructType.of(fields), observed).additions()) {
      fields.add(
          Types.NestedField.optional(
              0, addition.name(), addition.type(), addition.doc().orElse(null)));
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
