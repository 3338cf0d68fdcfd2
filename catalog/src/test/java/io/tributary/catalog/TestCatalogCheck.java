package io.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Catalog settings checked as Iceberg would check them, without opening anything. */
class TestCatalogCheck {
  @Test
  void aHiveCatalogWithCredentialsByHalvesAndNoUriIsRefusedByKey() {
    CatalogSettings settings =
        new CatalogSettings(
            "tributary",
            CatalogType.HIVE,
            "s3://lake/warehouse",
            Map.of("s3.access-key-id", "tributary"));

    assertThat(CatalogCheck.problems(settings))
        .containsOnlyKeys("uri", "s3.secret-access-key")
        .allSatisfy((key, message) -> assertThat(message).doesNotContain("tributary"));
  }

  @Test
  void aWarehouseNeedsASchemeAndABucket() {
    assertThat(CatalogCheck.problems(glue("lake/warehouse"))).containsOnlyKeys("warehouse");
    assertThat(CatalogCheck.problems(glue("s3:///warehouse"))).containsOnlyKeys("warehouse");
    assertThat(CatalogCheck.problems(glue("s3://lake/warehouse"))).isEmpty();
  }

  @Test
  void aRestCatalogNeedsAnHttpUri() {
    CatalogSettings settings =
        new CatalogSettings(
            "tributary", CatalogType.REST, "lake", Map.of("uri", "thrift://catalog:8181"));

    assertThat(CatalogCheck.problems(settings)).containsOnlyKeys("uri");
  }

  private static CatalogSettings glue(String warehouse) {
    return new CatalogSettings("tributary", CatalogType.GLUE, warehouse, Map.of());
  }
}
