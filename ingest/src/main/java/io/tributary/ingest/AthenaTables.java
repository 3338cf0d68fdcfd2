package io.tributary.ingest;

import io.tributary.schema.AthenaRules;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.util.PropertyUtil;

/** Applies {@link AthenaRules} to the tables ingest creates and the schemas it commits. */
final class AthenaTables {
  // Iceberg's default for new tables; a table property can ask for another.
  private static final int DEFAULT_FORMAT_VERSION = 2;

  private AthenaTables() {}

  static void check(
      TableIdentifier identifier,
      Schema schema,
      PartitionSpec spec,
      Map<String, String> properties) {
    int formatVersion =
        PropertyUtil.propertyAsInt(
            properties, TableProperties.FORMAT_VERSION, DEFAULT_FORMAT_VERSION);
    AthenaRules.check(identifier.toString(), formatVersion, schema, spec);
  }

  static void check(Table table, Schema evolved) {
    int formatVersion = ((HasTableOperations) table).operations().current().formatVersion();
    AthenaRules.check(table.name(), formatVersion, evolved, table.spec());
  }
}
