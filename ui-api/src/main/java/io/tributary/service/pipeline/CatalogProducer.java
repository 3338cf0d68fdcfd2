package io.tributary.service.pipeline;

import io.tributary.catalog.CatalogOpener;
import io.tributary.service.config.TributaryConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import org.apache.iceberg.catalog.Catalog;
import org.jboss.logging.Logger;

/** Opens the catalog once, for every pipeline and probe. */
public class CatalogProducer {
  private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

  @Produces
  @Singleton
  Catalog catalog(TributaryConfig config) {
    return CatalogOpener.open(PipelineSettingsMapper.catalog(config.catalog()));
  }

  void close(@Disposes Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.warn("Closing the catalog failed", e);
      }
    }
  }
}
