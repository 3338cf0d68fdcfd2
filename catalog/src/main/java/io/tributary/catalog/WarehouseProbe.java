package io.tributary.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * Writes and deletes a tiny object in the warehouse. At start-up this shows bad storage credentials
 * at once instead of at the first commit, and it initializes the object store client's thread pools
 * before any shutdown can begin (they register JVM shutdown hooks when first used, which fails once
 * the JVM is shutting down).
 */
public final class WarehouseProbe {
  private final CatalogSettings settings;

  public WarehouseProbe(CatalogSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  public void check() {
    Map<String, String> properties = CatalogOpener.catalogProperties(settings);
    String implementation =
        properties.getOrDefault(
            CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.hadoop.HadoopFileIO");
    String location =
        settings.warehouse().replaceAll("/+$", "") + "/.tributary/probe-" + UUID.randomUUID();
    try (FileIO io = CatalogUtil.loadFileIO(implementation, properties, new Configuration())) {
      OutputFile file = io.newOutputFile(location);
      try (PositionOutputStream stream = file.createOrOverwrite()) {
        stream.write("tributary".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write to the warehouse at " + location, e);
      }
      io.deleteFile(location);
    }
  }
}
