package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** Where tables are registered and stored. */
public interface CatalogConfig {
  /** The catalog backend: {@code hive}, {@code glue} or {@code rest}. */
  @WithDefault("hive")
  @Pattern(regexp = "hive|glue|rest|in-memory", message = "must be one of hive, glue, rest")
  String type();

  /** The catalog's name in logs and metrics. */
  @WithDefault("tributary")
  @NotBlank
  String name();

  /** The warehouse location, for example {@code s3://lake/warehouse}. */
  @NotBlank
  String warehouse();

  /**
   * Pass-through properties for the Iceberg catalog and its FileIO, for example {@code uri}, {@code
   * s3.endpoint}, {@code s3.path-style-access}, {@code s3.access-key-id}.
   */
  Map<String, String> properties();

  /**
   * Whether Hive Metastore commits take a metastore lock. With Hive Metastore 4 set it to false:
   * commits become conditional updates that the metastore checks atomically, and a writer that dies
   * mid-commit leaves no lock behind (a stale lock stalls every commit to its table until the
   * metastore times it out, 5 minutes by default). Older metastores need the lock.
   */
  @WithDefault("true")
  boolean hiveLockEnabled();
}
