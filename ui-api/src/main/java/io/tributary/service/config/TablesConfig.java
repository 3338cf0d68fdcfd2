package io.tributary.service.config;

import jakarta.validation.Valid;

/** How tables are laid out. */
public interface TablesConfig {
  @Valid
  TableDefaults defaults();
}
