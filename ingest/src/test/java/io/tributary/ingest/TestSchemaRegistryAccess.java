package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tributary.ingest.SchemaRegistryClient.RegistryAccessDeniedException;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that wants credentials, played by an in-process HTTP server: basic and bearer
 * auth reach it, a refusal stops the pipeline instead of dead-lettering records, and a registry
 * whose certificate a custom authority signed is trusted through a CA file or a trust store.
 */
class TestSchemaRegistryAccess {
  private static final String SCHEMA =
      "{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\":"
          + " \"long\"}]}";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
  private static final String BEARER = "Bearer token-123";

  private HttpServer registry;

  @AfterEach
  void stopRegistry() {
    if (registry != null) {
      registry.stop(0);
    }
  }

  @Test
  void withoutCredentialsTheRefusalNamesTheRegistryAndTheStatus() throws Exception {
    URI url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    SchemaRegistryClient client = new SchemaRegistryClient(url);

    assertThatThrownBy(() -> client.schema(7))
        .isInstanceOf(RegistryAccessDeniedException.class)
        .hasMessageContaining("schema registry " + url)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("no credentials");
  }

  @Test
  void basicAuthFetchesTheSchema() throws Exception {
    URI url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    RegistryAccess access = access(Optional.of("reader:s3cret"), Optional.empty());

    Schema schema = new SchemaRegistryClient(url, access).schema(7);

    assertThat(schema.getName()).isEqualTo("Order");
    assertThat(access.toString()).doesNotContain("s3cret");
  }

  @Test
  void bearerTokenFetchesTheSchema() throws Exception {
    URI url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    RegistryAccess access = access(Optional.empty(), Optional.of("token-123"));

    assertThat(new SchemaRegistryClient(url, access).schema(7).getName()).isEqualTo("Order");
    assertThat(access.toString()).doesNotContain("token-123");
  }

  @Test
  void wrongCredentialsAreRefusedWithoutEchoingThem() throws Exception {
    URI url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    SchemaRegistryClient client =
        new SchemaRegistryClient(url, access(Optional.empty(), Optional.of("stale-token")));

    assertThatThrownBy(() -> client.schema(7))
        .isInstanceOf(RegistryAccessDeniedException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("a bearer token")
        .message()
        .doesNotContain("stale-token");
  }

  /** A refusal is not the record's fault: no dead letter, the pipeline stops and says why. */
  @Test
  void aRefusalFailsThePipelineInsteadOfDeadLetteringEveryRecord() throws Exception {
    URI url = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    PipelineHarness harness = new PipelineHarness();
    PipelineSettings json =
        harness.settings(
            RouteSettings.toTable(TableIdentifier.of(PipelineHarness.NAMESPACE, "refused")));
    PipelineSettings avro =
        new PipelineSettings(
            json.name(),
            json.route(),
            json.deadLetterTable(),
            json.sourceColumn(),
            json.partitionBy(),
            json.eventTimeField(),
            json.commitInterval(),
            json.maxBufferedBytes(),
            json.maxRecordBytes(),
            json.tableProperties(),
            json.tableOverrides(),
            json.sourceKind(),
            json.schema(),
            new DecodingSettings(DecodingSettings.Format.AVRO, Optional.of(url), Optional.empty()));
    SourcePartition partition = SourcePartition.kafka("avro", 0);
    SourceRecord record =
        new SourceRecord(
            partition, SourcePosition.offset(0), 0L, null, new byte[] {0, 0, 0, 0, 7, 2}, Map.of());
    Pipeline pipeline =
        new Pipeline(
            avro,
            harness.catalog().catalog(),
            assignments -> new FakeRecordSource(Map.of(partition, List.of(record)), assignments));

    assertThatThrownBy(pipeline::run).isInstanceOf(RegistryAccessDeniedException.class);

    assertThat(pipeline.status().state()).isEqualTo(PipelineStatus.State.FAILED);
    assertThat(pipeline.status().lastError())
        .hasValueSatisfying(
            error -> assertThat(error).contains("schema registry " + url).contains("HTTP 401"));
    assertThat(harness.catalog().catalog().tableExists(json.deadLetterTable())).isFalse();
  }

  @Test
  void aCustomAuthorityIsTrustedThroughACaFileOrATrustStore(@TempDir Path directory)
      throws Exception {
    Path keyStore = directory.resolve("registry.p12");
    Path caFile = directory.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "registry",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "registry",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        "changeit",
        "-file",
        caFile.toString());
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
    URI url = start(https);
    String bearer = "token-123";

    RegistryAccess withCa =
        new RegistryAccess(
            Optional.empty(),
            Optional.of(bearer),
            Optional.of(caFile),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    RegistryAccess withTrustStore =
        new RegistryAccess(
            Optional.empty(),
            Optional.of(bearer),
            Optional.empty(),
            Optional.of(keyStore),
            Optional.of("changeit"),
            Optional.of("PKCS12"));

    assertThat(new SchemaRegistryClient(url, withCa).schema(7).getName()).isEqualTo("Order");
    assertThat(new SchemaRegistryClient(url, withTrustStore).schema(7).getName())
        .isEqualTo("Order");
    // The JVM's default authorities do not know this certificate.
    assertThatThrownBy(
            () ->
                new SchemaRegistryClient(url, access(Optional.empty(), Optional.of(bearer)))
                    .schema(7))
        .isInstanceOf(SchemaRegistryClient.RegistryUnavailableException.class);
  }

  @Test
  void settingsRefuseAmbiguousOrIncompleteAccess() {
    assertThatThrownBy(() -> access(Optional.of("a:b"), Optional.of("t")))
        .hasMessage("give user-info or bearer-token, not both");
    assertThatThrownBy(() -> access(Optional.of("no-colon-secret"), Optional.empty()))
        .hasMessage("user-info must be user:password");
    assertThatThrownBy(
            () ->
                new RegistryAccess(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("pw"),
                    Optional.empty()))
        .hasMessage("trust-store-password and -type need a trust-store");
  }

  private static RegistryAccess access(Optional<String> userInfo, Optional<String> bearer) {
    return new RegistryAccess(
        userInfo, bearer, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Serves schema id 7 to basic user reader:s3cret or bearer token-123; 401 without, 403 else. */
  private URI start(HttpServer server) {
    server.createContext("/schemas/ids/", TestSchemaRegistryAccess::serve);
    server.start();
    registry = server;
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void serve(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    int status;
    String body;
    if (authorization == null) {
      status = 401;
      body = "{\"error_code\": 401, \"message\": \"Unauthorized\"}";
    } else if (authorization.equals(BASIC) || authorization.equals(BEARER)) {
      status = 200;
      body = new ObjectMapper().createObjectNode().put("schema", SCHEMA).toString();
    } else {
      status = 403;
      body = "{\"error_code\": 403, \"message\": \"Forbidden\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static SSLContext serverContext(Path keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** The JDK's own keytool makes the registry's self-signed certificate. */
  private static void keytool(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
