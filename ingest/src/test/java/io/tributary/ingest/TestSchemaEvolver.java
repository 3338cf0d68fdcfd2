package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.catalog.TableProvisioner;
import io.tributary.ingest.source.SourceKind;
import io.tributary.schema.SchemaChange;
import io.tributary.schema.SchemaSettings;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TestSchemaEvolver {
  private static final TableIdentifier TABLE = TableIdentifier.of("raw", "events");

  @Test
  void aConcurrentSchemaChangeIsRefreshedCheckedAgainAndRetried() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    catalog.createTable(
        TABLE,
        new Schema(
            Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
            Types.NestedField.required(2, "id", Types.IntegerType.get())));
    Table stale = catalog.loadTable(TABLE);
    // Another replica adds the same column first.
    catalog.loadTable(TABLE).updateSchema().addColumn("name", Types.StringType.get()).commit();

    SchemaEvolver evolver =
        new SchemaEvolver(
            new TableProvisioner(new StaleCatalog(catalog, stale)),
            new Layout(),
            table -> SchemaSettings.defaults());
    SchemaEvolver.Evolution evolution =
        evolver.evolve(
            TABLE,
            Types.StructType.of(
                Types.NestedField.optional(0, "id", Types.LongType.get()),
                Types.NestedField.required(0, "name", Types.StringType.get(), "name"),
                Types.NestedField.required(0, "amount", Types.DoubleType.get(), "amount")));

    assertThat(evolution.changes())
        .extracting(change -> change.kind() + " " + change.path())
        .containsExactly("ADDED amount", "PROMOTED id", "MADE_OPTIONAL id");
    Schema schema = catalog.loadTable(TABLE).schema();
    assertThat(schema.columns())
        .extracting(Types.NestedField::name)
        .containsExactly("_rescued_data", "id", "name", "amount");
    assertThat(schema.findField("id").type()).isEqualTo(Types.LongType.get());
    assertThat(schema.findField("id").isOptional()).isTrue();
    assertThat(schema.findField("amount").doc()).isEqualTo("amount");
    assertThat(evolution.changes()).extracting(SchemaChange::path).doesNotContain("name");
  }

  /** Hands out a table loaded before another writer changed it, as a racing replica sees it. */
  private record StaleCatalog(Catalog catalog, Table stale) implements Catalog {
    @Override
    public List<TableIdentifier> listTables(Namespace namespace) {
      return catalog.listTables(namespace);
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
      return catalog.dropTable(identifier, purge);
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
      catalog.renameTable(from, to);
    }

    @Override
    public Table loadTable(TableIdentifier identifier) {
      return stale;
    }
  }

  private static final class Layout implements SchemaEvolver.TableLayout {
    @Override
    public List<Types.NestedField> systemColumns() {
      return SystemColumns.initialColumns(false, SourceKind.KAFKA);
    }

    @Override
    public List<String> partitionBy(TableIdentifier table) {
      return List.of();
    }

    @Override
    public Map<String, String> tableProperties(TableIdentifier table) {
      return Map.of();
    }
  }
}
