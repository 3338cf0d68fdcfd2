package io.tributary.service.validation;

import io.tributary.catalog.CatalogCheck;
import io.tributary.catalog.CatalogSettings;
import io.tributary.catalog.CatalogType;
import io.tributary.service.config.CatalogConfig;
import java.util.Map;

/**
 * The catalog's settings, checked as Iceberg checks them when it opens the catalog and its FileIO,
 * without opening anything.
 */
final class CatalogRules {
  private static final String KEY = ConfigMappingPass.PREFIX + ".catalog";

  private CatalogRules() {}

  static void check(CatalogConfig config, ConfigErrors errors) {
    CatalogType type;
    try {
      type = CatalogType.fromConfigName(config.type());
    } catch (IllegalArgumentException e) {
      // Bean Validation lists the type; the checks that do not depend on it still run.
      type = CatalogType.IN_MEMORY;
    }
    CatalogSettings settings =
        new CatalogSettings(
            config.name().isBlank() ? "tributary" : config.name(),
            type,
            config.warehouse().isBlank() ? "missing" : config.warehouse(),
            config.properties(),
            config.hiveLockEnabled());
    for (Map.Entry<String, String> problem : CatalogCheck.problems(settings).entrySet()) {
      String key =
          switch (problem.getKey()) {
            case CatalogCheck.WHOLE -> KEY + ".properties";
            case CatalogCheck.WAREHOUSE -> KEY + ".warehouse";
            default -> KEY + ".properties." + problem.getKey();
          };
      errors.add(key, problem.getValue());
    }
  }
}
