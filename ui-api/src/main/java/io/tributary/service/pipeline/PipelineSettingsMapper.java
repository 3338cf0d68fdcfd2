package io.tributary.service.pipeline;

import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import io.tributary.ingest.DecodingSettings;
import io.tributary.ingest.PipelineSettings;
import io.tributary.ingest.RegistryAccess;
import io.tributary.ingest.RouteRule;
import io.tributary.ingest.RouteSettings;
import io.tributary.ingest.TableLayoutOverride;
import io.tributary.ingest.kafka.KafkaClientSettings;
import io.tributary.ingest.kafka.KafkaSourceSettings;
import io.tributary.ingest.kinesis.KinesisSourceSettings;
import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.transform.TransformStep;
import io.tributary.ingest.transform.Transforms;
import io.tributary.schema.FieldHint;
import io.tributary.schema.SchemaSettings;
import io.tributary.service.config.AvroConfig;
import io.tributary.service.config.CatalogConfig;
import io.tributary.service.config.KafkaConfig;
import io.tributary.service.config.KinesisConfig;
import io.tributary.service.config.PipelineConfig;
import io.tributary.service.config.RouteConfig;
import io.tributary.service.config.RouteRuleConfig;
import io.tributary.service.config.SchemaConfig;
import io.tributary.service.config.TableOverrideConfig;
import io.tributary.service.config.TransformConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Turns the service's typed configuration into the libraries' settings records. Rules that span
 * several keys are checked here; each failure names the pipeline and the keys.
 */
public final class PipelineSettingsMapper {
  private PipelineSettingsMapper() {}

  public static CatalogSettings catalog(CatalogConfig config) {
    return new CatalogSettings(
        config.name(),
        CatalogType.fromConfigName(config.type()),
        config.warehouse(),
        config.properties(),
        config.hiveLockEnabled());
  }

  public static PipelineSettings pipeline(String name, PipelineConfig config) {
    RouteSettings route = route(name, config.route());
    TableIdentifier deadLetterTable =
        config
            .deadLetter()
            .table()
            .map(TableIdentifier::parse)
            .orElseGet(
                () ->
                    route
                        .table()
                        .map(t -> TableIdentifier.of(t.namespace(), t.name() + "__dead_letter"))
                        .orElse(
                            TableIdentifier.of(
                                route.namespace(),
                                name.toLowerCase(Locale.ROOT).replace('-', '_')
                                    + "__dead_letter")));
    Transforms transforms = transforms(name, config);
    try {
      return new PipelineSettings(
          name,
          route,
          deadLetterTable,
          config.tables().defaults().sourceColumn(),
          config.tables().defaults().partitionBy().orElse(List.of()),
          config.tables().defaults().eventTimeField(),
          config.commit().interval(),
          config.commit().maxBufferedBytes().bytes(),
          Math.toIntExact(config.commit().maxRecordBytes().bytes()),
          tableProperties(config.tables().defaults().properties()),
          overrides(config.tables().overrides().orElse(List.of())),
          sourceKind(config),
          schema(config.schema()),
          decoding(config),
          transforms);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("tributary.pipelines." + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The pipeline's and its tables' transform steps; the first problem, keyed in full, fails. {@link
   * io.tributary.service.validation} lists them all.
   */
  static Transforms transforms(String name, PipelineConfig config) {
    String key = "tributary.pipelines." + name;
    TransformMapper.Mapped pipeline =
        TransformMapper.map(key + ".transforms", config.transforms().orElse(List.of()));
    Map<String, String> problems = new LinkedHashMap<>(pipeline.problems());
    Map<TableIdentifier, List<TransformStep>> tables = new HashMap<>();
    List<TableOverrideConfig> overrides = config.tables().overrides().orElse(List.of());
    for (int i = 0; i < overrides.size(); i++) {
      Optional<List<TransformConfig>> steps = overrides.get(i).transforms();
      if (steps.isPresent() && !steps.get().isEmpty()) {
        TransformMapper.Mapped table =
            TransformMapper.map(key + ".tables.overrides[" + i + "].transforms", steps.get());
        problems.putAll(table.problems());
        tables.put(TableIdentifier.parse(overrides.get(i).table()), table.steps());
      }
    }
    if (!problems.isEmpty()) {
      Map.Entry<String, String> first = problems.entrySet().iterator().next();
      throw new IllegalArgumentException(first.getKey() + ": " + first.getValue());
    }
    return new Transforms(pipeline.steps(), tables, config.deadLetter().keepRawWithMasking());
  }

  static SourceKind sourceKind(PipelineConfig config) {
    return SourceKind.valueOf(config.source().type().toUpperCase(Locale.ROOT));
  }

  public static KinesisSourceSettings kinesis(String pipeline, KinesisConfig config) {
    try {
      return new KinesisSourceSettings(
          config.stream(),
          config.region(),
          config.endpoint().map(URI::create),
          config.dynamodbEndpoint().map(URI::create),
          config.applicationName().orElse("tributary-" + pipeline),
          KinesisSourceSettings.InitialPosition.valueOf(
              config.initialPosition().toUpperCase(Locale.ROOT).replace('-', '_')),
          config.atTimestamp().map(Instant::parse),
          config.enhancedFanOut());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "tributary.pipelines." + pipeline + ".source.kinesis: " + e.getMessage(), e);
    }
  }

  static SchemaSettings schema(SchemaConfig config) {
    Map<String, FieldHint> hints = new HashMap<>();
    config
        .hints()
        .forEach(
            (path, hint) -> {
              try {
                hints.put(path, FieldHint.parse(hint));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "schema.hints." + path + ": " + e.getMessage(), e);
              }
            });
    try {
      return new SchemaSettings(
          SchemaSettings.TypeConflict.valueOf(config.typeConflict().toUpperCase(Locale.ROOT)),
          hints,
          config.mapKeyThreshold(),
          SchemaSettings.TimestampDetection.valueOf(
              config.timestampDetection().toUpperCase(Locale.ROOT).replace('-', '_')),
          config.maxDepth(),
          config.maxColumns(),
          config.maxTypeStringBytes(),
          Set.copyOf(config.redactedFields().orElse(List.of())),
          config.sampleBytes(),
          config.typeEvidencePercent(),
          config.maxNewColumnsPerCommit(),
          config.newColumnMinRecords(),
          config.youngTableCommits());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schema: " + e.getMessage(), e);
    }
  }

  private static DecodingSettings decoding(PipelineConfig config) {
    if (config.format().equals("json")) {
      return DecodingSettings.json();
    }
    AvroConfig avro =
        config
            .avro()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "format avro needs avro.registry-url or avro.schema"));
    try {
      Optional<URI> registry = avro.registryUrl().map(URI::create);
      if (registry.isPresent() && registry.get().getUserInfo() != null) {
        // Credentials in the URL would be echoed wherever the URL is shown.
        throw new IllegalArgumentException(
            "registry-url must not hold credentials; set avro.registry-auth.user-info");
      }
      return new DecodingSettings(
          DecodingSettings.Format.AVRO,
          registry,
          avro.schema().map(schema -> new org.apache.avro.Schema.Parser().parse(schema).toString()),
          registryAccess(avro));
    } catch (org.apache.avro.SchemaParseException e) {
      throw new IllegalArgumentException("avro.schema is not an Avro schema: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("avro: " + e.getMessage(), e);
    }
  }

  private static RegistryAccess registryAccess(AvroConfig avro) {
    AvroConfig.RegistryTls tls = avro.registryTls();
    RegistryAccess access =
        new RegistryAccess(
            avro.registryAuth().userInfo(),
            avro.registryAuth().bearerToken(),
            tls.caFile().map(Path::of),
            tls.trustStore().map(Path::of),
            tls.trustStorePassword(),
            tls.trustStoreType());
    for (Optional<Path> file : List.of(access.caFile(), access.trustStore())) {
      if (file.isPresent() && !Files.isReadable(file.get())) {
        throw new IllegalArgumentException("registry-tls: cannot read " + file.get());
      }
    }
    return access;
  }

  public static KafkaSourceSettings kafka(String pipeline, KafkaConfig config) {
    try {
      KafkaClientSettings client = KafkaClients.settings(config);
      return new KafkaSourceSettings(
          client.bootstrapServers(),
          config.topics().orElse(List.of()),
          config.topicPattern().map(Pattern::compile),
          config.groupId().orElse("tributary-" + pipeline),
          KafkaSourceSettings.StartPosition.valueOf(config.startFrom().toUpperCase(Locale.ROOT)),
          client.properties());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tributary.pipelines." + pipeline + ".source.kafka: " + e.getMessage(), e);
    }
  }

  private static RouteSettings route(String pipeline, RouteConfig config) {
    String prefix = "tributary.pipelines." + pipeline + ".route";
    try {
      List<RouteRule> rules =
          config.rules().orElse(List.of()).stream().map(PipelineSettingsMapper::rule).toList();
      Optional<TableIdentifier> table = config.table().map(TableIdentifier::parse);
      Optional<TableIdentifier> defaultTable = config.defaultTable().map(TableIdentifier::parse);
      Namespace namespace =
          config
              .namespace()
              .map(Namespace::of)
              .or(() -> table.map(TableIdentifier::namespace))
              .or(() -> rules.stream().findFirst().map(rule -> rule.table().namespace()))
              .or(() -> defaultTable.map(TableIdentifier::namespace))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "set 'table', 'namespace' (one table per topic) or 'field' with 'rules'"));
      return new RouteSettings(namespace, table, config.field(), rules, defaultTable);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + ": " + e.getMessage(), e);
    }
  }

  private static RouteRule rule(RouteRuleConfig config) {
    try {
      return new RouteRule(
          config.equalsValue(),
          config.matches().map(Pattern::compile),
          TableIdentifier.parse(config.table()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid 'matches' expression: " + e.getDescription(), e);
    }
  }

  private static Map<TableIdentifier, TableLayoutOverride> overrides(
      List<TableOverrideConfig> configs) {
    Map<TableIdentifier, TableLayoutOverride> overrides = new HashMap<>();
    for (TableOverrideConfig config : configs) {
      TableIdentifier table = TableIdentifier.parse(config.table());
      if (overrides.put(table, new TableLayoutOverride(config.partitionBy(), config.properties()))
          != null) {
        throw new IllegalArgumentException("tables.overrides names " + table + " twice");
      }
    }
    return overrides;
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
