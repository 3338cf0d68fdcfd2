package io.tributary.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Amazon S3 Tables and the Glue Data Catalog both speak the Iceberg REST protocol, signed with AWS
 * SigV4. The settings a user writes under {@code catalog.properties} must reach Iceberg's REST
 * client unchanged: this opens the catalog as the service does, against a local endpoint that
 * records the first request (GET /v1/config), and reads the signature and warehouse off it.
 */
class TestRestSigningSettings {
  private static final String ACCESS_KEY = "AKIDEXAMPLE";

  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void startEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              Map.of(
                  "path", exchange.getRequestURI().getPath(),
                  "query",
                      URLDecoder.decode(
                          String.valueOf(exchange.getRequestURI().getRawQuery()),
                          StandardCharsets.UTF_8),
                  "authorization",
                      String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
          String json =
              exchange.getRequestURI().getPath().endsWith("/v1/config")
                  ? "{\"defaults\": {}, \"overrides\": {}}"
                  : "{\"namespaces\": []}";
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stopEndpoint() {
    server.stop(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "S3 Tables, s3tables, eu-west-1, arn:aws:s3tables:eu-west-1:111122223333:bucket/lake",
    "Glue Iceberg REST endpoint for an S3 table bucket, glue, eu-west-1,"
        + " 111122223333:s3tablescatalog/lake",
    "Glue Iceberg REST endpoint for the account's Glue catalog, glue, us-east-1, 111122223333"
  })
  void signingSettingsReachTheRestClientUnchanged(
      String endpoint, String signingName, String region, String warehouse) throws Exception {
    Map<String, String> properties =
        Map.of(
            "uri",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/iceberg",
            "rest.sigv4-enabled",
            "true",
            "rest.signing-name",
            signingName,
            "rest.signing-region",
            region,
            "rest.access-key-id",
            ACCESS_KEY,
            "rest.secret-access-key",
            "secret");
    CatalogSettings settings = new CatalogSettings("lake", CatalogType.REST, warehouse, properties);

    assertThat(CatalogOpener.catalogProperties(settings))
        .containsAllEntriesOf(properties)
        .containsEntry("warehouse", warehouse)
        .containsEntry("type", "rest")
        .as("a table bucket ARN is no s3:// location: the endpoint gives the FileIO")
        .doesNotContainKey("io-impl");
    Catalog catalog = CatalogOpener.open(settings);
    assertThat(catalog.name()).isEqualTo("lake");
    assertThat(((SupportsNamespaces) catalog).listNamespaces(Namespace.empty())).isEmpty();
    ((Closeable) catalog).close();

    assertThat(requests).isNotEmpty();
    Map<String, String> config = requests.get(0);
    assertThat(config.get("path")).as(endpoint).isEqualTo("/iceberg/v1/config");
    assertThat(config.get("query")).contains("warehouse=" + warehouse);
    for (Map<String, String> request : requests) {
      assertThat(request.get("authorization"))
          .as("%s %s", endpoint, request.get("path"))
          .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
          .contains("/" + region + "/" + signingName + "/aws4_request");
    }
    assertThat(requests.get(requests.size() - 1).get("path")).isEqualTo("/iceberg/v1/namespaces");
  }
}
