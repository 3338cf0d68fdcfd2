package io.tributary.ingest;

import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.inmemory.InMemoryCatalog;

/**
 * The contract on Iceberg's in-memory catalog, which every other unit test uses. Its state lives in
 * the instance, so a "restart" is the same instance: what this checks is the commit protocol.
 */
class TestInMemoryCatalogContract extends CatalogContractTests {
  private final InMemoryCatalog catalog = new InMemoryCatalog();

  TestInMemoryCatalogContract() {
    catalog.initialize("memory", Map.of());
  }

  @Override
  Catalog openCatalog() {
    return catalog;
  }
}
