package io.tributary.service.config;

import io.smallrye.config.WithName;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/** Records whose route field equals a value, or matches a regular expression, go to a table. */
public interface RouteRuleConfig {
  /** The exact value. */
  @WithName("equals")
  Optional<String> equalsValue();

  /** A regular expression the whole value must match. */
  Optional<String> matches();

  /** The target table, as {@code namespace.table}. */
  @Pattern(regexp = Names.TABLE, message = Names.TABLE_MESSAGE)
  String table();
}
