package io.tributary.service.health;

import io.tributary.catalog.CatalogProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.iceberg.catalog.Catalog;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the catalog answers. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {
  private final CatalogProbe probe;

  CatalogReadiness(Catalog catalog) {
    this.probe = new CatalogProbe(catalog);
  }

  @Override
  public HealthCheckResponse call() {
    try {
      probe.check();
      return HealthCheckResponse.up("catalog");
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("catalog").down().withData("error", e.toString()).build();
    }
  }
}
