package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Writer schemas by id from a Confluent-compatible schema registry ({@code GET /schemas/ids/{id}}).
 * A schema id never changes meaning, so each is fetched once and cached for good.
 */
final class SchemaRegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI registry;
  private final RegistryAccess access;
  private final HttpClient http;
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

  SchemaRegistryClient(URI registry) {
    this(registry, RegistryAccess.anonymous());
  }

  SchemaRegistryClient(URI registry, RegistryAccess access) {
    this.registry = requireNonNull(registry, "registry is null");
    this.access = requireNonNull(access, "access is null");
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    RegistryTls.context(access).ifPresent(http::sslContext);
    this.http = http.build();
  }

  /**
   * @throws RegistryException when the registry has no such schema
   * @throws RegistryUnavailableException when it does not answer or fails
   * @throws RegistryAccessDeniedException when it refuses the credentials (HTTP 401 or 403)
   */
  Schema schema(int id) throws RegistryException {
    Schema cached = schemas.get(id);
    if (cached != null) {
      return cached;
    }
    Schema fetched = fetch(id);
    schemas.putIfAbsent(id, fetched);
    return fetched;
  }

  private Schema fetch(int id) throws RegistryException {
    URI uri =
        registry
            .resolve(registry.getPath().endsWith("/") ? "" : registry.getPath() + "/")
            .resolve("schemas/ids/" + id);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    access.authorization().ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RegistryUnavailableException(
          "schema registry " + registry + " did not answer for schema id " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted fetching schema id " + id, e);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      // Every record would fail alike: stop the pipeline instead of dead-lettering them all.
      throw new RegistryAccessDeniedException(
          "schema registry "
              + registry
              + " refused access with HTTP "
              + response.statusCode()
              + " fetching schema id "
              + id
              + " ("
              + access.describeCredentials()
              + "); check avro.registry-auth");
    }
    if (response.statusCode() >= 500 || response.statusCode() == 429) {
      throw new RegistryUnavailableException(
          "schema registry " + uri + " answered " + response.statusCode() + ": " + response.body(),
          null);
    }
    if (response.statusCode() != 200) {
      throw new RegistryException(
          "schema registry " + uri + " answered " + response.statusCode() + ": " + response.body(),
          null);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      return new Schema.Parser().parse(body.get("schema").asText());
    } catch (IOException | RuntimeException e) {
      throw new RegistryException("schema id " + id + " from " + uri + " is not an Avro schema", e);
    }
  }

  /**
   * The registry is down or overloaded: not the record's fault, so it must not become a dead
   * letter. The pipeline fails, restarts and re-reads from the tables' positions once it answers.
   */
  static final class RegistryUnavailableException extends RuntimeException {
    RegistryUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The registry refuses our credentials (HTTP 401 or 403): a configuration fault, not the
   * record's, so it fails the pipeline, which names the registry and the status, instead of sending
   * every record to the dead-letter table.
   */
  static final class RegistryAccessDeniedException extends RuntimeException {
    RegistryAccessDeniedException(String message) {
      super(message);
    }
  }

  /** The registry has no such schema: the record cannot ever be decoded. */
  static final class RegistryException extends Exception {
    RegistryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
