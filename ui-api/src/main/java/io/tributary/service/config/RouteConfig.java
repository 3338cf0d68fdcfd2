package io.tributary.service.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Which table records go to. */
public interface RouteConfig {
  /** The target table as {@code namespace.table}. */
  @NotBlank
  @Pattern(regexp = "[a-z0-9_]+(\\.[a-z0-9_]+)+", message = "must be namespace.table in [a-z0-9_]")
  String table();
}
