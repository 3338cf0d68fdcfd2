package io.tributary.service.pipeline;

import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import io.tributary.ingest.PipelineSettings;
import io.tributary.ingest.kafka.KafkaSourceSettings;
import io.tributary.service.config.CatalogConfig;
import io.tributary.service.config.KafkaConfig;
import io.tributary.service.config.PipelineConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;

/** Turns the service's typed configuration into the libraries' settings records. */
final class PipelineSettingsMapper {
  private PipelineSettingsMapper() {}

  static CatalogSettings catalog(CatalogConfig config) {
    return new CatalogSettings(
        config.name(),
        CatalogType.fromConfigName(config.type()),
        config.warehouse(),
        config.properties());
  }

  static PipelineSettings pipeline(String name, PipelineConfig config) {
    TableIdentifier table = TableIdentifier.parse(config.route().table());
    TableIdentifier deadLetterTable =
        config
            .deadLetter()
            .table()
            .map(TableIdentifier::parse)
            .orElse(TableIdentifier.of(table.namespace(), table.name() + "__dead_letter"));
    return new PipelineSettings(
        name,
        table,
        deadLetterTable,
        config.tables().defaults().partitionBy().orElse(List.of()),
        config.tables().defaults().eventTimeField(),
        config.commit().interval(),
        config.commit().maxBufferedBytes().bytes(),
        Math.toIntExact(config.commit().maxRecordBytes().bytes()),
        tableProperties(config.tables().defaults().properties()));
  }

  static KafkaSourceSettings kafka(String pipeline, KafkaConfig config) {
    return new KafkaSourceSettings(
        config.bootstrapServers(),
        config.topics().orElse(List.of()),
        config.topicPattern().map(Pattern::compile),
        config.groupId().orElse("tributary-" + pipeline),
        KafkaSourceSettings.StartPosition.valueOf(config.startFrom().toUpperCase(Locale.ROOT)),
        config.properties());
  }

  private static Map<String, String> tableProperties(Map<String, String> configured) {
    Map<String, String> properties = new HashMap<>();
    // Athena and Trino read format v2; metadata stays bounded as commits pile up.
    properties.put(TableProperties.FORMAT_VERSION, "2");
    properties.put(TableProperties.PARQUET_COMPRESSION, "zstd");
    properties.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
    properties.put(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20");
    properties.putAll(configured);
    return properties;
  }
}
