package io.tributary.service.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The secrets of this service's configuration, for everything that shows text to someone. */
@ApplicationScoped
public class SecretRedaction {
  @Produces
  @Singleton
  SecretValues secretValues() {
    return fromConfig(ConfigProvider.getConfig());
  }

  static SecretValues fromConfig(Config config) {
    return SecretValues.of(
        config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
  }
}
