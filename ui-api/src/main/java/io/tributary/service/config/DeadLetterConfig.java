package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/** Where undecodable records go. */
public interface DeadLetterConfig {
  /**
   * The dead-letter table; defaults to the route table's name with {@code __dead_letter}, or to
   * {@code <namespace>.<pipeline>__dead_letter}.
   */
  Optional<@Pattern(regexp = Names.TABLE, message = Names.TABLE_MESSAGE) String> table();

  /**
   * Whether dead letters of a pipeline whose transforms mask fields keep the records' raw bytes,
   * which hold the clear values. By default they keep the masked parse of the record when there is
   * one, or nothing; the {@code value_form} column says which.
   */
  @WithDefault("false")
  boolean keepRawWithMasking();
}
