package io.tributary.service.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A minimal OpenID Connect provider on 127.0.0.1 for tests: a discovery document and a JWKS with
 * one RSA key, and RS256 access tokens signed with it. Enough for a bearer-token service.
 */
final class FakeOidcProvider implements AutoCloseable {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final String KEY_ID = "test-key";

  private final HttpServer server;
  private final KeyPair keys;
  private final String issuer;

  private FakeOidcProvider(HttpServer server, KeyPair keys) {
    this.server = server;
    this.keys = keys;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
  }

  static FakeOidcProvider start() throws IOException, GeneralSecurityException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeOidcProvider provider = new FakeOidcProvider(server, rsaKeys());
    server.createContext(
        "/realms/test/.well-known/openid-configuration",
        exchange -> respond(exchange, provider.discovery()));
    server.createContext("/realms/test/jwks", exchange -> respond(exchange, provider.jwks()));
    server.start();
    return provider;
  }

  String issuer() {
    return issuer;
  }

  /** An access token for the subject with the given claims JSON (without the standard ones). */
  String token(String subject, String claimsJson) throws GeneralSecurityException {
    return sign(keys, subject, claimsJson);
  }

  /** A well-formed token signed by a key the provider does not publish. */
  String tokenFromAStranger(String subject, String claimsJson) throws GeneralSecurityException {
    return sign(rsaKeys(), subject, claimsJson);
  }

  private String sign(KeyPair signer, String subject, String claimsJson)
      throws GeneralSecurityException {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
    String payload =
        "{\"iss\":\"%s\",\"sub\":\"%s\",\"preferred_username\":\"%s\",\"aud\":\"tributary\",\"iat\":%d,\"exp\":%d,%s}"
            .formatted(issuer, subject, subject, now, now + 600, claimsJson);
    String signed = encode(header) + "." + encode(payload);
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(signer.getPrivate());
    signature.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + URL.encodeToString(signature.sign());
  }

  private String discovery() {
    return ("{\"issuer\":\"%1$s\",\"jwks_uri\":\"%1$s/jwks\","
            + "\"authorization_endpoint\":\"%1$s/auth\",\"token_endpoint\":\"%1$s/token\","
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
        .formatted(issuer);
  }

  private String jwks() {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"%s\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"%s\",\"e\":\"%s\"}]}"
        .formatted(KEY_ID, unsigned(key.getModulus()), unsigned(key.getPublicExponent()));
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return URL.encodeToString(bytes);
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair rsaKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json)
      throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
