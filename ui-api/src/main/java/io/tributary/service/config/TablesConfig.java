package io.tributary.service.config;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Optional;

/** How tables are laid out. */
public interface TablesConfig {
  @Valid
  TableDefaults defaults();

  /** Tables laid out differently from the defaults. */
  Optional<List<@Valid TableOverrideConfig>> overrides();
}
