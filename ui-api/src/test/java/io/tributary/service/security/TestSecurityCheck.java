package io.tributary.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.service.config.SecurityConfig;
import io.tributary.service.config.SecurityConfig.Role;
import io.tributary.service.config.SecurityConfig.SecurityMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestSecurityCheck {
  private static final String LONG_TOKEN = "0123456789abcdef-long-enough";

  @Test
  void aMissingModeIsAnErrorThatSaysWhatToDo() {
    assertThat(SecurityCheck.errors(security(Optional.empty(), List.of(), List.of(), null)))
        .singleElement()
        .asString()
        .startsWith("tributary.security.mode: not set; choose token, basic or oidc, or none");
  }

  @Test
  void soundConfigurationsPass() {
    assertThat(
            SecurityCheck.errors(
                security(
                    Optional.of(SecurityMode.TOKEN),
                    List.of(token("ops", LONG_TOKEN, Role.OPERATOR)),
                    List.of(),
                    null)))
        .isEmpty();
    assertThat(
            SecurityCheck.errors(
                security(
                    Optional.of(SecurityMode.BASIC),
                    List.of(),
                    List.of(user("ann", "long-password", Role.VIEWER)),
                    null)))
        .isEmpty();
    assertThat(
            SecurityCheck.errors(
                security(Optional.of(SecurityMode.OIDC), List.of(), List.of(), "https://idp")))
        .isEmpty();
    assertThat(
            SecurityCheck.errors(
                security(Optional.of(SecurityMode.NONE), List.of(), List.of(), null)))
        .isEmpty();
  }

  @Test
  void everyProblemIsListedWithoutQuotingSecrets() {
    List<String> errors =
        SecurityCheck.errors(
            security(
                Optional.of(SecurityMode.TOKEN),
                List.of(
                    token("short", "tiny-secret", Role.VIEWER),
                    token("a", LONG_TOKEN, Role.VIEWER),
                    token("b", LONG_TOKEN, Role.OPERATOR)),
                List.of(user("ann", "long-password", Role.VIEWER)),
                null));

    assertThat(errors)
        .containsExactly(
            "tributary.security.tokens[0] (short): the token must have at least 16 characters",
            "tributary.security.tokens[2] (b): the same token is configured twice",
            "tributary.security.users: only used with mode basic, but mode is token");
    assertThat(String.join("\n", errors)).doesNotContain("tiny-secret", LONG_TOKEN);
  }

  @Test
  void eachModeNeedsItsCredentials() {
    assertThat(
            SecurityCheck.errors(
                security(Optional.of(SecurityMode.TOKEN), List.of(), List.of(), null)))
        .containsExactly("tributary.security.tokens: mode token needs at least one token");
    assertThat(
            SecurityCheck.errors(
                security(
                    Optional.of(SecurityMode.BASIC),
                    List.of(),
                    List.of(user("a:b", "short", Role.VIEWER)),
                    null)))
        .containsExactly(
            "tributary.security.users[0] (a:b): a user name must not be blank or contain ':'",
            "tributary.security.users[0] (a:b): the password must have at least 8 characters");
    assertThat(
            SecurityCheck.errors(
                security(Optional.of(SecurityMode.OIDC), List.of(), List.of(), null)))
        .containsExactly("tributary.security.oidc.auth-server-url: required with mode oidc");
  }

  private static SecurityConfig security(
      Optional<SecurityMode> mode,
      List<SecurityConfig.TokenConfig> tokens,
      List<SecurityConfig.UserConfig> users,
      String authServerUrl) {
    return new SecurityConfig() {
      @Override
      public Optional<SecurityMode> mode() {
        return mode;
      }

      @Override
      public List<TokenConfig> tokens() {
        return tokens;
      }

      @Override
      public List<UserConfig> users() {
        return users;
      }

      @Override
      public OidcSettings oidc() {
        return new OidcSettings() {
          @Override
          public Optional<String> authServerUrl() {
            return Optional.ofNullable(authServerUrl);
          }

          @Override
          public Optional<String> clientId() {
            return Optional.empty();
          }

          @Override
          public String roleClaimPath() {
            return "groups";
          }
        };
      }

      @Override
      public boolean metricsAuthenticated() {
        return false;
      }
    };
  }

  private static SecurityConfig.TokenConfig token(String name, String token, Role role) {
    return new SecurityConfig.TokenConfig() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String token() {
        return token;
      }

      @Override
      public Role role() {
        return role;
      }
    };
  }

  private static SecurityConfig.UserConfig user(String name, String password, Role role) {
    return new SecurityConfig.UserConfig() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String password() {
        return password;
      }

      @Override
      public Role role() {
        return role;
      }
    };
  }
}
