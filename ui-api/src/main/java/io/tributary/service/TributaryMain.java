package io.tributary.service;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs the service, or with {@code validate} only checks the configuration: every error at once,
 * exit status 1 when there is one, without starting pipelines or touching the catalog.
 */
@QuarkusMain
public final class TributaryMain {
  private TributaryMain() {}

  @SuppressWarnings("checkstyle:regexp")
  public static void main(String... args) {
    if (args.length == 0) {
      Quarkus.run(args);
    } else if (args.length == 1 && args[0].equals("validate")) {
      ServiceMode.validateOnly();
      // Validation listens on no port a running service could hold, and prints only its verdict.
      System.setProperty("quarkus.http.port", "0");
      System.setProperty("quarkus.log.level", "WARN");
      System.setProperty("quarkus.log.console.json.enabled", "false");
      Quarkus.run(ConfigurationCheck.class, args);
    } else {
      System.err.println("usage: tributary [validate]");
      System.exit(2);
    }
  }
}
