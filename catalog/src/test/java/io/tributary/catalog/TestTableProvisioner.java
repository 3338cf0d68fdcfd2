package io.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TestTableProvisioner {
  private static final Schema SCHEMA =
      new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));

  @Test
  void createsNamespaceAndTableOnFirstUseAndLoadsAfterwards() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    TableProvisioner provisioner = new TableProvisioner(catalog);
    TableIdentifier identifier = TableIdentifier.of("raw", "orders");

    Table created =
        provisioner.loadOrCreate(identifier, SCHEMA, PartitionSpec.unpartitioned(), Map.of());
    Table loaded =
        provisioner.loadOrCreate(identifier, SCHEMA, PartitionSpec.unpartitioned(), Map.of());

    assertThat(catalog.namespaceExists(Namespace.of("raw"))).isTrue();
    assertThat(loaded.uuid()).isEqualTo(created.uuid());
  }

  @Test
  void aRefusedCreationReachesNoCatalog() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    TableProvisioner provisioner =
        new TableProvisioner(catalog)
            .withCreationCheck(
                (identifier, schema, spec, properties) -> {
                  throw new IllegalStateException("refused " + identifier);
                });

    assertThatThrownBy(
            () ->
                provisioner.loadOrCreate(
                    TableIdentifier.of("raw", "orders"),
                    SCHEMA,
                    PartitionSpec.unpartitioned(),
                    Map.of()))
        .hasMessage("refused raw.orders");
    assertThat(catalog.namespaceExists(Namespace.of("raw"))).isFalse();
  }
}
