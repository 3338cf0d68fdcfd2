package io.tributary.service.validation;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tributary.service.config.ByteCount;
import io.tributary.service.config.TributaryConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code tributary.*} onto {@link TributaryConfig}, listing every unknown key, unreadable
 * value and missing key. SmallRye stops before Bean Validation when any value cannot be mapped, so
 * a key found wrong here is reported once and then stands in with its default (or a placeholder),
 * and the mapping is tried again: the later passes still see the rest of the configuration.
 */
final class ConfigMappingPass {
  static final String PREFIX = "tributary";
  private static final String PLACEHOLDER = "missing";
  private static final int MAX_ROUNDS = 20;
  private static final Pattern MISSING =
      Pattern.compile("SRCFG00014: The config property (\\S+) is required");
  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          int.class, Integer.class,
          long.class, Long.class,
          double.class, Double.class,
          boolean.class, Boolean.class);
  private static final Pattern SRCFG = Pattern.compile("^(?:[\\w.]+: )?SRCFG\\d+: ");

  private ConfigMappingPass() {}

  /**
   * The mapped configuration (empty if it still cannot be mapped), and the values of secret keys,
   * which no message may show.
   */
  record Result(Optional<TributaryConfig> config, Set<String> secretValues) {}

  private static boolean fromEnvironment(SmallRyeConfig config, String name) {
    String source = config.getConfigValue(name).getConfigSourceName();
    return source != null && source.startsWith("EnvConfigSource");
  }

  static Result run(ConfigurationSources sources, ConfigErrors errors) {
    SmallRyeConfig raw = builder(sources, Map.of()).build();
    Map<String, String> standIns = new LinkedHashMap<>();
    Set<String> settled = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    Map<String, Property> paths = paths();
    Map<Pattern, Property> properties = properties(paths);
    Set<String> keyNames = names(paths.keySet());
    Set<String> names = new TreeSet<>();
    raw.getPropertyNames().forEach(names::add);
    for (String name : names) {
      if (!name.startsWith(PREFIX + ".")) {
        continue;
      }
      String key = display(name);
      if (Secrets.isSecret(key)) {
        raw.getOptionalValue(name, String.class).ifPresent(v -> secrets.addAll(Secrets.parts(v)));
      }
      Optional<Property> property = find(properties, name);
      if (property.isEmpty()) {
        // Environment variables share the TRIBUTARY_ prefix with other settings (the image's
        // TRIBUTARY_APP_DIR, say); as in Quarkus, only files are held to known keys.
        if (!fromEnvironment(raw, name)) {
          errors.add(key, "is not a known key" + suggestion(key, keyNames));
        }
        continue;
      }
      Class<?> type = valueType(property.get());
      if (type == String.class) {
        continue;
      }
      try {
        raw.getValue(name, type);
      } catch (IllegalArgumentException | NoSuchElementException e) {
        errors.add(key, unreadable(type, raw.getRawValue(name), e));
        settled.add(key);
        standIns.put(
            name, property.get().hasDefaultValue() ? property.get().getDefaultValue() : "");
      }
    }
    // Unknown keys are listed above; they must not stop the mapping.
    standIns.put("smallrye.config.mapping.validate-unknown", "false");
    for (int round = 0; round < MAX_ROUNDS; round++) {
      try {
        SmallRyeConfig mapped =
            builder(sources, standIns).withMapping(TributaryConfig.class).build();
        errors.settle(settled);
        return new Result(Optional.of(mapped.getConfigMapping(TributaryConfig.class)), secrets);
      } catch (ConfigValidationException e) {
        boolean progressed = false;
        for (int i = 0; i < e.getProblemCount(); i++) {
          Matcher missing = MISSING.matcher(e.getProblem(i).getMessage());
          if (missing.find() && !standIns.containsKey(missing.group(1))) {
            String key = display(missing.group(1));
            errors.add(key, "is required and not set");
            settled.add(key);
            standIns.put(missing.group(1), PLACEHOLDER);
            progressed = true;
          }
        }
        if (!progressed) {
          for (int i = 0; i < e.getProblemCount(); i++) {
            errors.add(PREFIX, SRCFG.matcher(e.getProblem(i).getMessage()).replaceFirst(""));
          }
          errors.settle(settled);
          return new Result(Optional.empty(), secrets);
        }
      }
    }
    errors.settle(settled);
    return new Result(Optional.empty(), secrets);
  }

  static SmallRyeConfigBuilder builder(ConfigurationSources sources, Map<String, String> standIns) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withProfile(sources.profile())
        .withSources(sources.sources())
        .withSources(
            new PropertiesConfigSource(standIns, "validation stand-ins", Integer.MAX_VALUE))
        .withConverter(Duration.class, 200, new DurationConverter())
        .withConverter(ByteCount.class, 200, ByteCount::parse);
  }

  /** Every key of {@link TributaryConfig} by path, as in {@code tributary.pipelines.*.format}. */
  private static Map<String, Property> paths() {
    return ConfigMappings.getProperties(
        ConfigMappings.ConfigClass.configClass(TributaryConfig.class, PREFIX));
  }

  /** Every key of {@link TributaryConfig} as a pattern over property names. */
  private static Map<Pattern, Property> properties(Map<String, Property> paths) {
    Map<Pattern, Property> patterns = new LinkedHashMap<>();
    paths.forEach((path, property) -> patterns.put(pattern(path, property), property));
    return patterns;
  }

  private static Pattern pattern(String path, Property property) {
    // A map of plain values takes everything after its name as the key: s3.endpoint is one key.
    boolean valueMap = property.isMap() && path.endsWith(".*");
    String rest = valueMap ? path.substring(0, path.length() - 2) : path;
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < rest.length()) {
      boolean index = rest.startsWith("[*]", i);
      if (index || rest.charAt(i) == '*') {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        regex.append(index ? "\\[\\d+]" : "(?:\"[^\"]*\"|[^.\\[\\]\"]+)");
        i += index ? 3 : 1;
      } else {
        literal.append(rest.charAt(i));
        i++;
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    if (valueMap) {
      regex.append("\\..+");
    }
    return Pattern.compile(regex.toString());
  }

  private static Optional<Property> find(Map<Pattern, Property> properties, String name) {
    return properties.entrySet().stream()
        .filter(entry -> entry.getKey().matcher(name).matches())
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static Class<?> valueType(Property property) {
    if (property.isMap()) {
      return valueType(property.asMap().getValueProperty());
    }
    if (property.isLeaf()) {
      return property.asLeaf().getValueRawType();
    }
    if (property.isPrimitive()) {
      return box(property.getMethod().getReturnType());
    }
    return String.class;
  }

  private static Class<?> box(Class<?> type) {
    return BOXES.getOrDefault(type, type);
  }

  private static String unreadable(Class<?> type, String value, RuntimeException error) {
    if (type == Duration.class) {
      return "must be a duration such as 500ms, 5s, 1m, 1h or 7d, was '" + value + "'";
    }
    if (type == Integer.class || type == Long.class) {
      return "must be a whole number, was '" + value + "'";
    }
    if (type == Double.class) {
      return "must be a number, was '" + value + "'";
    }
    if (type == Boolean.class) {
      return "must be true or false, was '" + value + "'";
    }
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return "cannot be read: " + cause.getMessage();
  }

  /** The key as a user writes it: map keys holding dots are quoted in property names. */
  static String display(String name) {
    return name.replace("\"", "");
  }

  /** For the first part of the key that is no known name, the known name closest to it. */
  private static String suggestion(String key, Set<String> names) {
    for (String segment : key.replaceAll("\\[\\d+]", "").split("\\.")) {
      if (names.contains(segment)) {
        continue;
      }
      String best = null;
      int bestDistance = 3;
      for (String candidate : names) {
        int distance = distance(segment, candidate);
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
        }
      }
      if (best != null) {
        return "; did you mean '" + best + "'?";
      }
    }
    return "";
  }

  /** The names the parts of a key may have, for suggestions. */
  private static Set<String> names(Set<String> paths) {
    Set<String> names = new TreeSet<>();
    for (String path : paths) {
      for (String segment : path.replace("[*]", "").split("\\.")) {
        if (!segment.equals("*")) {
          names.add(segment);
        }
      }
    }
    return names;
  }

  /** Edit distance, to suggest the key a typo meant. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
