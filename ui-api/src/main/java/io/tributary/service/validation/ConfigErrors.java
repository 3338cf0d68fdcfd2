package io.tributary.service.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects errors from every pass. A key whose value could not be read at all is settled: the later
 * passes saw a stand-in value there, so what they say about that key is dropped.
 */
final class ConfigErrors {
  private final Set<ConfigError> errors = new LinkedHashSet<>();
  private final Set<String> settled = new HashSet<>();

  void add(String key, String message) {
    if (!settled.contains(key)) {
      errors.add(new ConfigError(key, message));
    }
  }

  /** Keys already reported whose later errors would only repeat them. */
  void settle(Set<String> keys) {
    settled.addAll(keys);
  }

  /** Whether some error is about the key or a key below it. */
  boolean any(String key) {
    return errors.stream()
        .anyMatch(
            error ->
                error.key().equals(key)
                    || error.key().startsWith(key + ".")
                    || error.key().startsWith(key + "["));
  }

  /** The errors by key, with every secret value that a library message might quote masked. */
  List<ConfigError> list(Set<String> secretValues) {
    List<ConfigError> list = new ArrayList<>();
    for (ConfigError error : errors) {
      list.add(new ConfigError(error.key(), Secrets.mask(error.message(), secretValues)));
    }
    list.sort(Comparator.comparing(ConfigError::key));
    return List.copyOf(list);
  }
}
