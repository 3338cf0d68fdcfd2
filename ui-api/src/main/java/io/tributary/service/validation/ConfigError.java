package io.tributary.service.validation;

import static java.util.Objects.requireNonNull;

/** One configuration error: the key it is about, and what is wrong, never a secret's value. */
public record ConfigError(String key, String message) {
  public ConfigError {
    requireNonNull(key, "key is null");
    requireNonNull(message, "message is null");
  }

  @Override
  public String toString() {
    return key + ": " + message;
  }
}
