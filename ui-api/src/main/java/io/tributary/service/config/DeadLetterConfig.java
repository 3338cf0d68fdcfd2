package io.tributary.service.config;

import java.util.Optional;

/** Where undecodable records go. */
public interface DeadLetterConfig {
  /** The dead-letter table; defaults to the route table's name with {@code __dead_letter}. */
  Optional<String> table();
}
