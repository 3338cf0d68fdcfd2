package io.tributary.service;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.tributary.service.validation.ConfigError;
import io.tributary.service.validation.ConfigurationCheck;
import io.tributary.service.validation.ConfigurationSources;
import java.util.List;

/**
 * Runs the service, or with {@code validate} only checks the configuration. Both check it first,
 * before Quarkus starts: every error at once, each naming its key, and exit status 1 when there is
 * one. So a bad configuration never reaches the catalog, a client or a stack trace.
 */
@QuarkusMain
public final class TributaryMain {
  private TributaryMain() {}

  @SuppressWarnings("checkstyle:regexp")
  public static void main(String... args) {
    boolean validate = args.length == 1 && args[0].equals("validate");
    if (args.length > 0 && !validate) {
      System.err.println("usage: tributary [validate]");
      System.exit(2);
    }
    List<ConfigError> errors = ConfigurationCheck.check(ConfigurationSources.fromEnvironment());
    if (validate) {
      if (errors.isEmpty()) {
        System.out.println("Configuration is valid");
      } else {
        System.out.print(ConfigurationCheck.report(errors));
      }
      System.exit(errors.isEmpty() ? 0 : 1);
    }
    if (!errors.isEmpty()) {
      System.err.print("ERROR Tributary cannot start. " + ConfigurationCheck.report(errors));
      System.exit(1);
    }
    Quarkus.run(args);
  }
}
