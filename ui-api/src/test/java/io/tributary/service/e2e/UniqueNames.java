package io.tributary.service.e2e;

import java.util.UUID;

/**
 * Names no other test run uses, so tests sharing the stack stay independent. They hold only
 * lowercase letters, digits and underscores: one name serves as a topic, a stream and a namespace.
 */
final class UniqueNames {
  private UniqueNames() {}

  static String of(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }
}
