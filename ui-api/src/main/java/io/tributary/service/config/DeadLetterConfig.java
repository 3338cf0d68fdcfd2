package io.tributary.service.config;

import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/** Where undecodable records go. */
public interface DeadLetterConfig {
  /**
   * The dead-letter table; defaults to the route table's name with {@code __dead_letter}, or to
   * {@code <namespace>.<pipeline>__dead_letter}.
   */
  Optional<@Pattern(regexp = Names.TABLE, message = Names.TABLE_MESSAGE) String> table();
}
