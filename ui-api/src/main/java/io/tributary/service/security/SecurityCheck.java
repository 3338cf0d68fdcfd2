package io.tributary.service.security;

import io.tributary.service.config.SecurityConfig;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import io.tributary.service.config.SecurityConfig.TokenConfig;
import io.tributary.service.config.SecurityConfig.UserConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules {@code tributary.security} must follow beyond its types, each broken one as a message
 * naming the key. Messages never quote a token or a password.
 */
public final class SecurityCheck {
  static final int MIN_TOKEN_LENGTH = 16;
  static final int MIN_PASSWORD_LENGTH = 8;

  private SecurityCheck() {}

  /** Every problem of the security configuration, empty when it is sound. */
  public static List<String> errors(SecurityConfig security) {
    List<String> errors = new ArrayList<>();
    if (security.mode().isEmpty()) {
      errors.add(
          "tributary.security.mode: not set; choose token, basic or oidc, or none to turn"
              + " authentication off (see the README's Security section)");
      return errors;
    }
    SecurityMode mode = security.mode().get();
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    if (mode == SecurityMode.TOKEN) {
      tokenErrors(security.tokens(), errors);
    } else if (!security.tokens().isEmpty()) {
      errors.add("tributary.security.tokens: only used with mode token, but mode is " + modeName);
    }
    if (mode == SecurityMode.BASIC) {
      userErrors(security.users(), errors);
    } else if (!security.users().isEmpty()) {
      errors.add("tributary.security.users: only used with mode basic, but mode is " + modeName);
    }
    if (mode == SecurityMode.OIDC && security.oidc().authServerUrl().isEmpty()) {
      errors.add("tributary.security.oidc.auth-server-url: required with mode oidc");
    }
    return errors;
  }

  private static void tokenErrors(List<TokenConfig> tokens, List<String> errors) {
    if (tokens.isEmpty()) {
      errors.add("tributary.security.tokens: mode token needs at least one token");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      TokenConfig token = tokens.get(i);
      String key = "tributary.security.tokens[" + i + "] (" + token.name() + ")";
      if (token.token().length() < MIN_TOKEN_LENGTH) {
        errors.add(key + ": the token must have at least " + MIN_TOKEN_LENGTH + " characters");
      }
      if (!seen.add(token.token())) {
        errors.add(key + ": the same token is configured twice");
      }
    }
  }

  private static void userErrors(List<UserConfig> users, List<String> errors) {
    if (users.isEmpty()) {
      errors.add("tributary.security.users: mode basic needs at least one user");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      UserConfig user = users.get(i);
      String key = "tributary.security.users[" + i + "] (" + user.name() + ")";
      if (user.name().isBlank() || user.name().contains(":")) {
        errors.add(key + ": a user name must not be blank or contain ':'");
      }
      if (user.password().length() < MIN_PASSWORD_LENGTH) {
        errors.add(
            key + ": the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
      }
      if (!seen.add(user.name())) {
        errors.add(key + ": the same user is configured twice");
      }
    }
  }
}
