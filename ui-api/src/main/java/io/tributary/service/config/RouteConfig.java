package io.tributary.service.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * Which table each record goes to: one fixed {@code table}; or the table picked by {@code rules}
 * over a record {@code field}; or, with neither, one table per topic in {@code namespace}.
 */
public interface RouteConfig {
  /** Every record goes to this table, as {@code namespace.table}. */
  Optional<@Pattern(regexp = Names.TABLE, message = Names.TABLE_MESSAGE) String> table();

  /** The namespace of per-topic tables and of the default dead-letter table. */
  Optional<@Pattern(regexp = Names.NAMESPACE, message = Names.NAMESPACE_MESSAGE) String>
      namespace();

  /** A record field (dotted path for nested fields) whose value picks the table. */
  Optional<String> field();

  /** Rules over the route field, tried in order. */
  Optional<List<@Valid RouteRuleConfig>> rules();

  /** Where records that match no rule go; without it they go to the dead-letter table. */
  Optional<@Pattern(regexp = Names.TABLE, message = Names.TABLE_MESSAGE) String> defaultTable();
}
