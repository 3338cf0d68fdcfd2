package io.tributary.service.security;

import static java.util.Objects.requireNonNull;

import io.tributary.service.config.SecurityConfig.SecurityMode;
import java.util.Set;

/**
 * Which access each request needs, by path and method. Reads are for viewers, anything that is not
 * a read (every POST, PUT, PATCH, DELETE, wherever it goes) is for operators, so endpoints added
 * later are covered without a rule of their own.
 */
record AccessRules(SecurityMode mode, boolean metricsAuthenticated) {
  private static final Set<String> READS = Set.of("GET", "HEAD");
  // The page and its script and style hold no data: every value they show comes from /api.
  private static final Set<String> SIGN_IN_PAGE =
      Set.of("/", "/index.html", "/app.js", "/app.css", "/favicon.ico");

  AccessRules {
    requireNonNull(mode, "mode is null");
  }

  Access access(String path, String method) {
    if (mode == SecurityMode.NONE) {
      return Access.OPEN;
    }
    if (!READS.contains(method)) {
      return Access.OPERATOR;
    }
    if (path.equals("/q/health") || path.startsWith("/q/health/")) {
      return Access.OPEN;
    }
    if (path.equals("/q/metrics") || path.startsWith("/q/metrics/")) {
      return metricsAuthenticated ? Access.VIEWER : Access.OPEN;
    }
    // With basic authentication the browser asks for credentials on the page itself; with bearer
    // tokens it cannot send them on a navigation, so the page signs in with a form.
    if (mode != SecurityMode.BASIC && SIGN_IN_PAGE.contains(path)) {
      return Access.OPEN;
    }
    return Access.VIEWER;
  }
}
