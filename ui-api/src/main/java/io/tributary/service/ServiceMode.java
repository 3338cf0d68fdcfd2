package io.tributary.service;

/** Whether this process serves pipelines or only validates the configuration and exits. */
public final class ServiceMode {
  private static volatile boolean validateOnly;

  private ServiceMode() {}

  static void validateOnly() {
    validateOnly = true;
  }

  /** True when started with {@code validate}: nothing may start pipelines or maintenance. */
  public static boolean isValidateOnly() {
    return validateOnly;
  }
}
