package io.tributary.compaction;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;

/** A table in namespace {@code raw} of a fresh in-memory catalog, for one test. */
final class InMemoryTables {
  private InMemoryTables() {}

  static Table create(String name, Schema schema, PartitionSpec spec, Map<String, String> props) {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    return catalog.createTable(TableIdentifier.of("raw", name), schema, spec, props);
  }
}
