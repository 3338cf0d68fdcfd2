package io.tributary.service.validation;

import io.tributary.ingest.PartitionSpecs;
import io.tributary.schema.FieldHint;
import io.tributary.service.config.AvroConfig;
import io.tributary.service.config.PipelineConfig;
import io.tributary.service.config.RouteConfig;
import io.tributary.service.config.RouteRuleConfig;
import io.tributary.service.config.TableOverrideConfig;
import io.tributary.service.pipeline.PipelineSettingsMapper;
import io.tributary.service.pipeline.TransformMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.avro.SchemaParseException;

/**
 * The rules of one pipeline that span keys or need a parser: route forms, partition expressions,
 * hints, durations, Avro sources. Each rule runs on its own, so that all of them are listed.
 */
final class PipelineRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private PipelineRules() {}

  static void check(Map<String, PipelineConfig> pipelines, ConfigErrors errors) {
    if (pipelines.isEmpty()) {
      errors.add(ConfigMappingPass.PREFIX + ".pipelines", "no pipeline is configured");
    }
    new TreeMap<>(pipelines).forEach((name, pipeline) -> pipeline(name, pipeline, errors));
  }

  private static void pipeline(String name, PipelineConfig config, ConfigErrors errors) {
    String key = ConfigMappingPass.PREFIX + ".pipelines." + name;
    if (!NAME.matcher(name).matches()) {
      errors.add(key, "a pipeline name may only hold letters, digits, '_' and '-'");
    }
    source(key + ".source", name, config, errors);
    avro(key, config, errors);
    route(key + ".route", config.route(), errors);
    deadLetter(key, config, errors);
    tables(key + ".tables", config, errors);
    transforms(key, config, errors);
    config
        .schema()
        .hints()
        .forEach(
            (path, hint) -> {
              try {
                FieldHint.parse(hint);
              } catch (IllegalArgumentException e) {
                errors.add(key + ".schema.hints." + path, e.getMessage());
              }
            });
    Durations.requirePositive(key + ".commit.interval", config.commit().interval(), errors);
    if (config.commit().maxRecordBytes().bytes() > Integer.MAX_VALUE) {
      errors.add(key + ".commit.max-record-bytes", "must be below 2GB");
    }
    if (!errors.any(key)) {
      // The libraries' own settings records check everything again; anything they still refuse
      // is a rule missing above, reported all the same.
      backstop(key, name, config, errors);
    }
  }

  private static void source(String key, String name, PipelineConfig config, ConfigErrors errors) {
    String type = config.source().type();
    if (type.equals("kafka")) {
      config
          .source()
          .kafka()
          .ifPresentOrElse(
              kafka -> SourceRules.kafka(key + ".kafka", name, kafka, errors),
              () -> errors.add(key + ".kafka", "required when source.type is kafka"));
    } else if (type.equals("kinesis")) {
      config
          .source()
          .kinesis()
          .ifPresentOrElse(
              kinesis -> SourceRules.kinesis(key + ".kinesis", name, kinesis, errors),
              () -> errors.add(key + ".kinesis", "required when source.type is kinesis"));
    }
  }

  private static void avro(String key, PipelineConfig config, ConfigErrors errors) {
    Optional<AvroConfig> avro = config.avro();
    if (!config.format().equals("avro")) {
      if (avro.isPresent()) {
        errors.add(key + ".avro", "only used with format: avro");
      }
      return;
    }
    boolean registry = avro.flatMap(AvroConfig::registryUrl).isPresent();
    boolean schema = avro.flatMap(AvroConfig::schema).isPresent();
    if (registry == schema) {
      errors.add(
          key + ".avro",
          "format avro needs exactly one of avro.registry-url (Confluent wire format) and"
              + " avro.schema (one fixed writer schema)");
    }
    avro.flatMap(AvroConfig::registryUrl)
        .ifPresent(url -> SourceRules.requireHttpUrl(key + ".avro.registry-url", url, errors));
    avro.flatMap(AvroConfig::schema)
        .ifPresent(
            text -> {
              try {
                new org.apache.avro.Schema.Parser().parse(text);
              } catch (SchemaParseException e) {
                errors.add(key + ".avro.schema", "is not an Avro schema: " + e.getMessage());
              }
            });
  }

  private static void route(String key, RouteConfig route, ConfigErrors errors) {
    List<RouteRuleConfig> rules = route.rules().orElse(List.of());
    boolean table = route.table().isPresent();
    boolean field = route.field().isPresent();
    if (table && field) {
      errors.add(key, "set 'table', or 'field' with 'rules', not both");
    } else if (field && route.field().get().isBlank()) {
      errors.add(key + ".field", "must not be blank");
    } else if (field && rules.isEmpty() && route.defaultTable().isEmpty()) {
      errors.add(key + ".rules", "routing by field '" + route.field().get() + "' needs rules");
    } else if (!field && (!rules.isEmpty() || route.defaultTable().isPresent())) {
      errors.add(key + ".field", "required with 'rules' and 'default-table'");
    } else if (!table && !field && route.namespace().isEmpty()) {
      errors.add(key, "set 'table', 'namespace' (one table per topic) or 'field' with 'rules'");
    }
    for (int i = 0; i < rules.size(); i++) {
      RouteRuleConfig rule = rules.get(i);
      String ruleKey = key + ".rules[" + i + "]";
      if (rule.equalsValue().isPresent() == rule.matches().isPresent()) {
        errors.add(ruleKey, "needs exactly one of 'equals' and 'matches'");
      }
      rule.matches()
          .ifPresent(
              expression -> {
                try {
                  Pattern.compile(expression);
                } catch (PatternSyntaxException e) {
                  errors.add(
                      ruleKey + ".matches", "is not a regular expression: " + e.getDescription());
                }
              });
    }
  }

  private static void deadLetter(String key, PipelineConfig config, ConfigErrors errors) {
    config
        .deadLetter()
        .table()
        .ifPresent(
            deadLetter -> {
              Set<String> targets = new HashSet<>();
              config.route().table().ifPresent(targets::add);
              config.route().defaultTable().ifPresent(targets::add);
              config
                  .route()
                  .rules()
                  .ifPresent(rules -> rules.forEach(rule -> targets.add(rule.table())));
              if (targets.contains(deadLetter)) {
                errors.add(key + ".dead-letter.table", "must not also be a route target");
              }
            });
  }

  private static void tables(String key, PipelineConfig config, ConfigErrors errors) {
    partitionBy(key + ".defaults.partition-by", config.tables().defaults().partitionBy(), errors);
    List<TableOverrideConfig> overrides = config.tables().overrides().orElse(List.of());
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < overrides.size(); i++) {
      TableOverrideConfig override = overrides.get(i);
      String overrideKey = key + ".overrides[" + i + "]";
      if (seen.contains(override.table())) {
        errors.add(overrideKey + ".table", "names " + override.table() + " twice");
      }
      seen.add(override.table());
      partitionBy(overrideKey + ".partition-by", override.partitionBy(), errors);
    }
  }

  private static void transforms(String key, PipelineConfig config, ConfigErrors errors) {
    TransformMapper.map(key + ".transforms", config.transforms().orElse(List.of()))
        .checkedProblems()
        .forEach(errors::add);
    List<TableOverrideConfig> overrides = config.tables().overrides().orElse(List.of());
    for (int i = 0; i < overrides.size(); i++) {
      TransformMapper.map(
              key + ".tables.overrides[" + i + "].transforms",
              overrides.get(i).transforms().orElse(List.of()))
          .checkedProblems()
          .forEach(errors::add);
    }
  }

  private static void partitionBy(
      String key, Optional<List<String>> expressions, ConfigErrors errors) {
    List<String> list = expressions.orElse(List.of());
    for (int i = 0; i < list.size(); i++) {
      try {
        PartitionSpecs.check(list.get(i));
      } catch (IllegalArgumentException e) {
        errors.add(key + "[" + i + "]", e.getMessage());
      }
    }
  }

  private static void backstop(
      String key, String name, PipelineConfig config, ConfigErrors errors) {
    try {
      PipelineSettingsMapper.pipeline(name, config);
      config.source().kafka().ifPresent(kafka -> PipelineSettingsMapper.kafka(name, kafka));
      config.source().kinesis().ifPresent(kinesis -> PipelineSettingsMapper.kinesis(name, kinesis));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int colon = message.indexOf(": ");
      if (message.startsWith(key) && colon > 0) {
        errors.add(message.substring(0, colon), message.substring(colon + 2));
      } else {
        errors.add(key, message);
      }
    }
  }
}
