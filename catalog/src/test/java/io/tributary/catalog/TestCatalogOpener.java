package io.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.Test;

class TestCatalogOpener {
  @Test
  void usesS3FileIoForS3Warehouses() {
    CatalogSettings settings =
        new CatalogSettings(
            "lake",
            CatalogType.HIVE,
            "s3://lake/warehouse",
            Map.of("uri", "thrift://127.0.0.1:9083"));

    assertThat(CatalogOpener.catalogProperties(settings))
        .containsEntry("type", "hive")
        .containsEntry("uri", "thrift://127.0.0.1:9083")
        .containsEntry(CatalogProperties.FILE_IO_IMPL, CatalogOpener.S3_FILE_IO);
  }

  @Test
  void userPropertiesWin() {
    CatalogSettings settings =
        new CatalogSettings(
            "lake",
            CatalogType.REST,
            "s3://lake/warehouse",
            Map.of(CatalogProperties.FILE_IO_IMPL, "org.example.OtherFileIO"));

    assertThat(CatalogOpener.catalogProperties(settings))
        .containsEntry(CatalogProperties.FILE_IO_IMPL, "org.example.OtherFileIO");
  }

  @Test
  void hiveLocksAreOnUnlessTurnedOff() {
    CatalogSettings locked =
        new CatalogSettings("lake", CatalogType.HIVE, "s3://lake/warehouse", Map.of());
    CatalogSettings unlocked =
        new CatalogSettings("lake", CatalogType.HIVE, "s3://lake/warehouse", Map.of(), false);

    assertThat(CatalogOpener.hadoopConfiguration(locked).get(CatalogOpener.HIVE_LOCK_ENABLED))
        .isEqualTo("true");
    assertThat(CatalogOpener.hadoopConfiguration(unlocked).get(CatalogOpener.HIVE_LOCK_ENABLED))
        .isEqualTo("false");
  }

  @Test
  void rejectsUnknownTypeNamingTheChoices() {
    assertThatThrownBy(() -> CatalogType.fromConfigName("nessie"))
        .hasMessage("Unknown catalog type 'nessie'; expected one of hive, glue, rest, in-memory");
  }

  @Test
  void aRestCatalogThatDoesNotAnswerFailsOnUseNamingItsServer() {
    Catalog catalog =
        CatalogOpener.open(
            new CatalogSettings(
                "lake",
                CatalogType.REST,
                "s3://lake/warehouse",
                Map.of("uri", "http://127.0.0.1:9")));

    assertThat(catalog.name()).isEqualTo("lake");
    assertThatThrownBy(() -> new CatalogProbe(catalog).check())
        .isInstanceOf(CatalogUnavailableException.class)
        .hasMessageStartingWith("Cannot open catalog lake at http://127.0.0.1:9: ");
  }
}
