package io.tributary.service.security;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret values of a configuration (tokens, passwords, secret keys, JAAS configurations) and
 * the redaction of any text that quotes one of them. A property is secret by its name: the last
 * part of a {@code tributary.*} key, or the key inside a pass-through {@code properties} map, that
 * names a password, secret, token, credential, private key or JAAS configuration.
 */
public final class SecretValues {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "password|passwd|secret|token|credential|jaas|private[-_.]?key|api[-_.]?key"
              + "|user[-_.]?info|sse\\.key|keystore\\.key|session[-_.]?key");
  // name="value" pairs inside a JAAS configuration, whose values Kafka may quote apart.
  private static final Pattern JAAS_OPTION = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
  private static final String PASS_THROUGH = "properties.";
  // Shorter values would mask ordinary words all over the logs; the checks ask for longer ones.
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> values;

  private SecretValues(Set<String> values) {
    this.values =
        values.stream()
            .filter(value -> value.length() >= MIN_SECRET_LENGTH)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** The secrets among the given property names, read with the lookup. */
  public static SecretValues of(
      Iterable<String> propertyNames, Function<String, Optional<String>> lookup) {
    Set<String> secrets = new LinkedHashSet<>();
    for (String name : propertyNames) {
      if (isSecretProperty(name)) {
        lookup.apply(name).ifPresent(value -> addWithParts(value, secrets));
      }
    }
    return new SecretValues(secrets);
  }

  /** Explicit values, for tests. */
  static SecretValues ofValues(List<String> values) {
    return new SecretValues(new LinkedHashSet<>(values));
  }

  /**
   * Whether a configuration key holds a secret: the part after the last {@code properties.} (a
   * pass-through map such as Kafka's or the catalog's), otherwise the last dotted part.
   */
  public static boolean isSecretProperty(String name) {
    requireNonNull(name, "name is null");
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("tributary_")) {
      // An environment variable: TRIBUTARY_CATALOG_PROPERTIES__S3_SECRET_ACCESS_KEY_ and the like.
      int passThrough = lower.lastIndexOf("_properties_");
      String key =
          passThrough >= 0
              ? lower.substring(passThrough + "_properties_".length())
              : lower.substring(lower.lastIndexOf('_') + 1);
      return SECRET_KEY.matcher(key).find();
    }
    if (!lower.startsWith("tributary.")) {
      return false;
    }
    int passThrough = lower.lastIndexOf(PASS_THROUGH);
    String key =
        passThrough >= 0
            ? lower.substring(passThrough + PASS_THROUGH.length())
            : lower.substring(lower.lastIndexOf('.') + 1);
    return SECRET_KEY.matcher(key).find();
  }

  private static void addWithParts(String value, Set<String> secrets) {
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    secrets.add(trimmed);
    Matcher option = JAAS_OPTION.matcher(trimmed);
    while (option.find()) {
      if (SECRET_KEY.matcher(option.group(1).toLowerCase(Locale.ROOT)).find()) {
        secrets.add(option.group(2));
      }
    }
  }

  /** The text with every secret replaced by {@link #MASK}; null stays null. */
  public String redact(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String redacted = text;
    for (String value : values) {
      if (redacted.contains(value)) {
        redacted = redacted.replace(value, MASK);
      }
    }
    return redacted;
  }

  /** Whether the text quotes a secret. */
  public boolean quotesSecret(String text) {
    if (text == null) {
      return false;
    }
    for (String value : values) {
      if (text.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /** How many secrets are known, for a start-up log line. */
  public int size() {
    return values.size();
  }

  List<String> values() {
    return new ArrayList<>(values);
  }
}
