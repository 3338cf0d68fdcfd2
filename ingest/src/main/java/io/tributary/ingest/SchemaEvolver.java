package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import io.tributary.catalog.TableProvisioner;
import io.tributary.schema.ColumnAddition;
import io.tributary.schema.ColumnRetype;
import io.tributary.schema.ColumnWidening;
import io.tributary.schema.FieldHint;
import io.tributary.schema.FieldPresence;
import io.tributary.schema.SchemaChange;
import io.tributary.schema.SchemaChanges;
import io.tributary.schema.SchemaPlanner;
import io.tributary.schema.SchemaSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
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
  static final String PENDING_PARTITION_PROPERTY = "tributary.pending-partition-by";

  private final TableProvisioner provisioner;
  private final Function<TableIdentifier, SchemaSettings> settings;
  private final TableLayout layout;

  /**
   * @param settings the schema settings of a table's batch being prepared (declared types can
   *     change them between batches; transforms give tables their own hints)
   */
  SchemaEvolver(
      TableProvisioner provisioner,
      TableLayout layout,
      Function<TableIdentifier, SchemaSettings> settings) {
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
    return evolve(identifier, observed, FieldPresence.unknown());
  }

  /**
   * @param presence in how many of the batch's records each top-level field appeared, for the
   *     column budget
   */
  Evolution evolve(TableIdentifier identifier, Types.StructType observed, FieldPresence presence) {
    SchemaPlanner planner = new SchemaPlanner(settings.apply(identifier));
    Optional<Table> existing = provisioner.load(identifier);
    if (existing.isPresent()) {
      return evolveExisting(planner, identifier, existing.get(), observed, presence, null);
    }
    Schema initial = initialSchema(planner, identifier, observed, presence);
    Table table = create(identifier, initial);
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
      return evolveExisting(planner, identifier, table, observed, presence, creation);
    }
    return evolveExisting(planner, identifier, table, observed, presence, null);
  }

  /**
   * Creates the table partitioned by every configured expression whose field the first records
   * carry. The others wait in a table property and join the spec once their field is a column, so a
   * table whose first records lack a partition field still gets its rows.
   */
  private Table create(TableIdentifier identifier, Schema initial) {
    List<String> expressions = layout.partitionBy(identifier);
    List<String> available = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (String expression : expressions) {
      (PartitionSpecs.resolvable(initial, expression) ? available : pending).add(expression);
    }
    Map<String, String> properties = new HashMap<>(layout.tableProperties(identifier));
    if (!pending.isEmpty()) {
      properties.put(PENDING_PARTITION_PROPERTY, String.join(";", pending));
      LOG.warn(
          "Table {}: the first records carry no field for partition expressions {}; they join"
              + " the partition spec once the field arrives",
          identifier,
          pending);
    }
    return provisioner.create(
        identifier, initial, PartitionSpecs.parse(initial, available), properties);
  }

  private Evolution evolveExisting(
      SchemaPlanner planner,
      TableIdentifier identifier,
      Table table,
      Types.StructType observed,
      FieldPresence presence,
      Evolution creation) {
    restoreSystemColumns(identifier, table);
    List<SchemaChange> earlier = new ArrayList<>();
    if (creation != null) {
      earlier.addAll(creation.changes());
    }
    Optional<Integer> firstBefore =
        creation != null ? Optional.empty() : Optional.of(table.schema().schemaId());
    YoungTableRetype young = new YoungTableRetype(settings.apply(identifier));
    boolean retypedAny = false;
    for (int attempt = 1; ; attempt++) {
      // The schema this event starts from: before any re-typing, else as refreshed now.
      Optional<Integer> before =
          creation != null || retypedAny ? firstBefore : Optional.of(table.schema().schemaId());
      SchemaChanges changes = planner.changes(table.schema().asStruct(), observed, presence);
      if (!changes.capped().isEmpty()) {
        LOG.warn(
            "Table {}: no column for {}; their values are rescued", identifier, changes.capped());
      }
      try {
        List<ColumnRetype> retypes = young.applicable(table, changes.contested());
        if (!retypes.isEmpty()) {
          List<SchemaChange> retyped = young.apply(table, retypes);
          LOG.info("Table {}: young table re-typed: {}", identifier, retyped);
          earlier.addAll(retyped);
          retypedAny = true;
          table.refresh();
          continue;
        }
        if (changes.isEmpty()) {
          addPendingPartitionFields(identifier, table);
          return new Evolution(table, before, earlier, changes.capped());
        }
        apply(table, changes);
        LOG.info("Table {}: schema changed: {}", identifier, changes.describe());
        table.refresh();
        addPendingPartitionFields(identifier, table);
        List<SchemaChange> all = new ArrayList<>(earlier);
        all.addAll(changes.describe());
        return new Evolution(table, before, all, changes.capped());
      } catch (CommitFailedException | ValidationException | IllegalArgumentException e) {
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

  /**
   * Another engine may have dropped a system column; rows cannot be written without it, so it comes
   * back (as a new column: the values it held are gone with the drop).
   */
  private void restoreSystemColumns(TableIdentifier identifier, Table table) {
    List<Types.NestedField> missing =
        layout.systemColumns().stream()
            .filter(column -> table.schema().findField(column.name()) == null)
            .toList();
    if (missing.isEmpty()) {
      return;
    }
    UpdateSchema update = table.updateSchema();
    missing.forEach(column -> update.addColumn(column.name(), column.type(), column.doc()));
    update.commit();
    table.refresh();
    LOG.warn(
        "Table {}: system columns {} were dropped by another writer; added them again",
        identifier,
        missing.stream().map(Types.NestedField::name).toList());
  }

  /** Adds the partition fields that waited for their field to become a column. */
  private static void addPendingPartitionFields(TableIdentifier identifier, Table table) {
    String pending = table.properties().get(PENDING_PARTITION_PROPERTY);
    if (pending == null) {
      return;
    }
    List<String> ready = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    for (String expression : pending.split(";")) {
      (PartitionSpecs.resolvable(table.schema(), expression) ? ready : waiting).add(expression);
    }
    if (ready.isEmpty()) {
      return;
    }
    UpdatePartitionSpec update = table.updateSpec();
    ready.forEach(expression -> update.addField(PartitionSpecs.term(expression)));
    update.commit();
    UpdateProperties properties = table.updateProperties();
    if (waiting.isEmpty()) {
      properties.remove(PENDING_PARTITION_PROPERTY);
    } else {
      properties.set(PENDING_PARTITION_PROPERTY, String.join(";", waiting));
    }
    properties.commit();
    table.refresh();
    LOG.info("Table {}: partitioned by {} from now on", identifier, ready);
  }

  /**
   * The system columns, the observed fields, and any partition field that the records lack but a
   * hint declares (the event-time field always has one), so the configured spec applies at once.
   */
  private Schema initialSchema(
      SchemaPlanner planner,
      TableIdentifier identifier,
      Types.StructType observed,
      FieldPresence presence) {
    List<Types.NestedField> fields = new ArrayList<>(layout.systemColumns());
    for (ColumnAddition addition :
        planner.changes(Types.StructType.of(fields), observed, presence).additions()) {
      fields.add(
          Types.NestedField.optional(
              0, addition.name(), addition.type(), addition.doc().orElse(null)));
    }
    Map<String, FieldHint> hints = settings.apply(identifier).hints();
    for (String expression : layout.partitionBy(identifier)) {
      String field = PartitionSpecs.sourceField(expression);
      Optional<Type> hinted =
          Optional.ofNullable(hints.get(field))
              .flatMap(FieldHint::type)
              .filter(Type::isPrimitiveType);
      boolean present = fields.stream().anyMatch(column -> column.name().equals(field));
      if (!field.contains(".") && !present && hinted.isPresent()) {
        fields.add(Types.NestedField.optional(0, field, hinted.get()));
      }
    }
    AtomicInteger nextId = new AtomicInteger();
    Type withIds = TypeUtil.assignFreshIds(Types.StructType.of(fields), nextId::incrementAndGet);
    return new Schema(withIds.asStructType().fields());
  }

  /** The layout a new data table gets. */
  interface TableLayout {
    List<Types.NestedField> systemColumns();

    /** The configured partition expressions, as written ({@code day(event_time)}). */
    List<String> partitionBy(TableIdentifier table);

    Map<String, String> tableProperties(TableIdentifier table);
  }
}
