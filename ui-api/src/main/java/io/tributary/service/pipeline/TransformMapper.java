package io.tributary.service.pipeline;

import io.tributary.ingest.transform.DeriveStep;
import io.tributary.ingest.transform.DropStep;
import io.tributary.ingest.transform.FieldPath;
import io.tributary.ingest.transform.FilterStep;
import io.tributary.ingest.transform.FlattenStep;
import io.tributary.ingest.transform.GeoStep;
import io.tributary.ingest.transform.MaskMethod;
import io.tributary.ingest.transform.MaskStep;
import io.tributary.ingest.transform.RenameStep;
import io.tributary.ingest.transform.TimestampFormat;
import io.tributary.ingest.transform.TimestampStep;
import io.tributary.ingest.transform.TransformStep;
import io.tributary.ingest.transform.UserAgentStep;
import io.tributary.service.config.TransformConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds transform steps from their configuration. Every problem of every step is collected, keyed
 * by the configuration key it is about ({@code tributary.pipelines.p.transforms[2].expression}); no
 * message quotes the HMAC secret.
 */
public final class TransformMapper {
  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "mask", Set.of("fields", "method", "hmac-secret", "replacement", "keep"),
          "drop", Set.of("fields"),
          "rename", Set.of("from", "to"),
          "filter", Set.of("expression"),
          "derive", Set.of("field", "expression"),
          "flatten", Set.of("field", "depth"),
          "timestamp", Set.of("field", "format", "zone"),
          "user-agent", Set.of("field", "target"),
          "geoip", Set.of("field", "target", "database"));

  private TransformMapper() {}

  /** The steps built, and the problems by key; the steps are complete only without problems. */
  public record Mapped(List<TransformStep> steps, Map<String, String> problems) {
    public Mapped {
      steps = List.copyOf(steps);
      problems = Map.copyOf(problems);
    }

    /** The problems, after closing the steps that hold files (built only to check them). */
    public Map<String, String> checkedProblems() {
      for (TransformStep step : steps) {
        if (step instanceof java.io.Closeable closeable) {
          try {
            closeable.close();
          } catch (java.io.IOException e) {
            // Nothing was written; a failed close of a read-only file changes nothing.
          }
        }
      }
      return problems;
    }
  }

  /**
   * @param key the key of the list, as {@code tributary.pipelines.p.transforms}
   */
  public static Mapped map(String key, List<TransformConfig> configs) {
    List<TransformStep> steps = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (int i = 0; i < configs.size(); i++) {
      String stepKey = key + "[" + i + "]";
      try {
        step(stepKey, configs.get(i), problems).ifPresent(steps::add);
      } catch (IllegalArgumentException e) {
        problems.putIfAbsent(stepKey, e.getMessage());
      }
    }
    return new Mapped(steps, problems);
  }

  private static Optional<TransformStep> step(
      String key, TransformConfig config, Map<String, String> problems) {
    String type = config.type();
    Set<String> allowed = KEYS.get(type);
    if (allowed == null) {
      problems.put(
          key + ".type",
          "must be one of " + String.join(", ", new java.util.TreeSet<>(KEYS.keySet())));
      return Optional.empty();
    }
    present(config)
        .forEach(
            name -> {
              if (!allowed.contains(name)) {
                problems.put(key + "." + name, "is not used by a " + type + " step");
              }
            });
    int before = problems.size();
    Optional<TransformStep> step =
        switch (type) {
          case "mask" -> mask(key, config, problems);
          case "drop" -> fields(key, config, problems).map(DropStep::new);
          case "rename" -> rename(key, config, problems);
          case "flatten" -> flatten(key, config, problems);
          case "filter" -> expression(key, config, problems).map(FilterStep::keepWhen);
          case "derive" -> derive(key, config, problems);
          case "timestamp" -> timestamp(key, config, problems);
          case "user-agent" -> userAgent(key, config, problems);
          case "geoip" -> geo(key, config, problems);
          default -> Optional.empty();
        };
    return problems.size() == before ? step : Optional.empty();
  }

  private static List<String> present(TransformConfig config) {
    List<String> names = new ArrayList<>();
    config.fields().ifPresent(v -> names.add("fields"));
    config.method().ifPresent(v -> names.add("method"));
    config.hmacSecret().ifPresent(v -> names.add("hmac-secret"));
    config.replacement().ifPresent(v -> names.add("replacement"));
    config.keep().ifPresent(v -> names.add("keep"));
    config.from().ifPresent(v -> names.add("from"));
    config.to().ifPresent(v -> names.add("to"));
    config.expression().ifPresent(v -> names.add("expression"));
    config.field().ifPresent(v -> names.add("field"));
    config.depth().ifPresent(v -> names.add("depth"));
    config.format().ifPresent(v -> names.add("format"));
    config.zone().ifPresent(v -> names.add("zone"));
    config.target().ifPresent(v -> names.add("target"));
    config.database().ifPresent(v -> names.add("database"));
    return names;
  }

  private static Optional<List<FieldPath>> fields(
      String key, TransformConfig config, Map<String, String> problems) {
    List<String> fields = config.fields().orElse(List.of());
    if (fields.isEmpty()) {
      problems.put(key + ".fields", "is required: the fields' dotted paths");
      return Optional.empty();
    }
    List<FieldPath> paths = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      path(key + ".fields[" + i + "]", fields.get(i), problems).ifPresent(paths::add);
    }
    return paths.size() == fields.size() ? Optional.of(paths) : Optional.empty();
  }

  private static Optional<FieldPath> path(String key, String text, Map<String, String> problems) {
    try {
      return Optional.of(FieldPath.parse(text));
    } catch (IllegalArgumentException e) {
      problems.put(key, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<FieldPath> required(
      String key, Optional<String> value, String what, Map<String, String> problems) {
    if (value.isEmpty()) {
      problems.put(key, "is required: " + what);
      return Optional.empty();
    }
    return path(key, value.get(), problems);
  }

  private static Optional<TransformStep> mask(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<List<FieldPath>> fields = fields(key, config, problems);
    String method = config.method().orElse("");
    Optional<MaskMethod> masking = Optional.empty();
    switch (method) {
      case "hash" -> {
        Optional<String> secret = config.hmacSecret().filter(s -> !s.isEmpty());
        if (secret.isEmpty()) {
          problems.put(key + ".hmac-secret", "is required with method hash; set it from a secret");
        } else if (secret.get().getBytes(StandardCharsets.UTF_8).length
            < MaskMethod.Hash.MIN_KEY_BYTES) {
          problems.put(
              key + ".hmac-secret",
              "must have at least " + MaskMethod.Hash.MIN_KEY_BYTES + " bytes");
        } else {
          masking = Optional.of(MaskMethod.Hash.withSecret(secret.get()));
        }
        only(key, "hmac-secret", config.replacement().isPresent(), "replacement", problems);
        only(key, "hmac-secret", config.keep().isPresent(), "keep", problems);
      }
      case "redact" -> {
        masking =
            Optional.of(
                new MaskMethod.Redact(config.replacement().orElse(MaskMethod.Redact.DEFAULT)));
        only(key, "replacement", config.hmacSecret().isPresent(), "hmac-secret", problems);
        only(key, "replacement", config.keep().isPresent(), "keep", problems);
      }
      case "keep-last" -> {
        if (config.keep().isEmpty()) {
          problems.put(key + ".keep", "is required with method keep-last");
        } else if (config.keep().getAsInt() < 1) {
          problems.put(key + ".keep", "must be at least 1, was " + config.keep().getAsInt());
        } else {
          masking = Optional.of(new MaskMethod.KeepLast(config.keep().getAsInt()));
        }
        only(key, "keep", config.hmacSecret().isPresent(), "hmac-secret", problems);
        only(key, "keep", config.replacement().isPresent(), "replacement", problems);
      }
      default ->
          problems.put(
              key + ".method",
              method.isEmpty()
                  ? "is required: hash, redact or keep-last"
                  : "must be hash, redact or keep-last, was '" + method + "'");
    }
    if (fields.isEmpty() || masking.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MaskStep(fields.get(), masking.get()));
  }

  private static void only(
      String key, String owner, boolean present, String name, Map<String, String> problems) {
    if (present) {
      problems.put(key + "." + name, "is not used with this method (only " + owner + " is)");
    }
  }

  private static Optional<TransformStep> rename(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<FieldPath> from =
        required(key + ".from", config.from(), "the field's dotted path", problems);
    Optional<String> to = config.to().filter(name -> !name.isBlank());
    if (to.isEmpty()) {
      problems.put(key + ".to", "is required: the field's new name");
    } else if (to.get().contains(".")) {
      problems.put(key + ".to", "is a name within the same object, without dots");
    }
    if (from.isEmpty() || problems.containsKey(key + ".to")) {
      return Optional.empty();
    }
    return Optional.of(new RenameStep(from.get(), to.get()));
  }

  /** The expression, compiled once here to report what CEL finds wrong with it. */
  private static Optional<String> expression(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<String> expression = config.expression().filter(text -> !text.isBlank());
    if (expression.isEmpty()) {
      problems.put(key + ".expression", "is required: a CEL expression");
      return Optional.empty();
    }
    try {
      FilterStep.keepWhen(expression.get());
    } catch (IllegalArgumentException e) {
      problems.put(key + ".expression", e.getMessage());
      return Optional.empty();
    }
    return expression;
  }

  private static Optional<TransformStep> derive(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<String> field = config.field().filter(name -> !name.isBlank());
    if (field.isEmpty()) {
      problems.put(key + ".field", "is required: the top-level field to set");
    } else if (field.get().contains(".")) {
      problems.put(key + ".field", "is a top-level name, without dots");
    }
    Optional<String> expression = expression(key, config, problems);
    if (problems.containsKey(key + ".field") || expression.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(DeriveStep.of(field.get(), expression.get()));
  }

  private static Optional<TransformStep> flatten(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<FieldPath> field = Optional.empty();
    if (config.field().isPresent()) {
      field = path(key + ".field", config.field().get(), problems);
      if (field.isEmpty()) {
        return Optional.empty();
      }
    }
    int depth = config.depth().orElse(1);
    if (depth < 1) {
      problems.put(key + ".depth", "must be at least 1, was " + depth);
      return Optional.empty();
    }
    return Optional.of(new FlattenStep(field, depth));
  }

  private static Optional<String> target(
      String key,
      TransformConfig config,
      FieldPath field,
      String suffix,
      Map<String, String> problems) {
    String target =
        config.target().orElse(field.segments().get(field.segments().size() - 1) + suffix);
    if (target.isBlank() || target.contains(".")) {
      problems.put(key + ".target", "is a name beside the field, without dots");
      return Optional.empty();
    }
    return Optional.of(target);
  }

  private static Optional<TransformStep> userAgent(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<FieldPath> field =
        required(key + ".field", config.field(), "the user-agent field's dotted path", problems);
    if (field.isEmpty()) {
      return Optional.empty();
    }
    return target(key, config, field.get(), "_agent", problems)
        .map(target -> new UserAgentStep(field.get(), target));
  }

  /** Opens the database file, so a missing or foreign file is an error at start-up. */
  private static Optional<TransformStep> geo(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<FieldPath> field =
        required(key + ".field", config.field(), "the IP address field's dotted path", problems);
    if (config.database().isEmpty() || config.database().get().isBlank()) {
      problems.put(key + ".database", "is required: the MaxMind database file you provide");
      return Optional.empty();
    }
    if (field.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> target = target(key, config, field.get(), "_geo", problems);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(GeoStep.open(field.get(), target.get(), Path.of(config.database().get())));
    } catch (IllegalArgumentException e) {
      problems.put(key + ".database", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<TransformStep> timestamp(
      String key, TransformConfig config, Map<String, String> problems) {
    Optional<FieldPath> field =
        required(key + ".field", config.field(), "the timestamp field's dotted path", problems);
    Optional<TimestampFormat> format = Optional.empty();
    if (config.format().isEmpty()) {
      problems.put(
          key + ".format",
          "is required: iso-8601, epoch-seconds, epoch-millis, epoch-micros or a pattern");
    } else {
      try {
        format = Optional.of(TimestampFormat.parse(config.format().get()));
      } catch (IllegalArgumentException e) {
        problems.put(key + ".format", e.getMessage());
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    if (config.zone().isPresent()) {
      try {
        zone = ZoneId.of(config.zone().get());
      } catch (DateTimeException e) {
        problems.put(key + ".zone", "is not a time zone: " + e.getMessage());
        return Optional.empty();
      }
    }
    if (field.isEmpty() || format.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TimestampStep(field.get(), format.get(), zone));
  }
}
