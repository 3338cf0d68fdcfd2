package io.tributary.catalog;

import java.util.Locale;

/** The catalog backends Tributary registers tables in. */
public enum CatalogType {
  HIVE("hive"),
  GLUE("glue"),
  REST("rest"),
  /** In-process, for unit tests and local experiments only. */
  IN_MEMORY("in-memory");

  private final String configName;

  CatalogType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static CatalogType fromConfigName(String name) {
    for (CatalogType type : values()) {
      if (type.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown catalog type '" + name + "'; expected one of hive, glue, rest, in-memory");
  }
}
