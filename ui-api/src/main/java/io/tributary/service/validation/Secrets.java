package io.tributary.service.validation;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which configuration values are secrets, and how to keep them out of what we print. */
final class Secrets {
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          ".*(secret|password|passwd|token|jaas|credential|private|user\\.info|keystore\\.key"
              + "|ssl\\.key|api[-_.]?key).*");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final int SHORTEST_MASKED = 3;

  private Secrets() {}

  static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * The strings to mask for one secret value: the value, and each quoted part of it, which is how a
   * JAAS configuration holds its password.
   */
  static Set<String> parts(String value) {
    Set<String> parts = new LinkedHashSet<>();
    parts.add(value.trim());
    Matcher quoted = QUOTED.matcher(value);
    while (quoted.find()) {
      parts.add(quoted.group(1));
    }
    parts.removeIf(part -> part.length() < SHORTEST_MASKED);
    return parts;
  }

  static String mask(String message, Set<String> secretValues) {
    String masked = message;
    // Longest first, so that a value containing another is masked whole.
    List<String> values =
        secretValues.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String value : values) {
      masked = masked.replace(value, "****");
    }
    return masked;
  }
}
