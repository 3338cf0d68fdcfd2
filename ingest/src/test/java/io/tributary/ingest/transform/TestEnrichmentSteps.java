package io.tributary.ingest.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * User-agent parsing, and the geography step's refusals. No MaxMind database writer is on Maven
 * Central, so lookups themselves are not tested here; the database file is the user's.
 */
class TestEnrichmentSteps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHROME_ON_ANDROID =
      "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.6099.144 Mobile Safari/537.36";

  @Test
  void userAgentsBecomeAStructBesideTheField() throws Exception {
    ObjectNode record = object("{\"ua\":\"" + CHROME_ON_ANDROID + "\",\"none\":null}");
    long start = System.nanoTime();

    new UserAgentStep(FieldPath.parse("ua"), "ua_parsed").apply(record);
    long firstMillis = (System.nanoTime() - start) / 1_000_000;

    ObjectNode parsed = (ObjectNode) record.get("ua_parsed");
    assertThat(parsed.get("device_class").asText()).isEqualTo("Phone");
    assertThat(parsed.get("device_brand").asText()).isEqualTo("Google");
    assertThat(parsed.get("os_name").asText()).isEqualTo("Android");
    assertThat(parsed.get("os_version").asText()).isEqualTo("13");
    assertThat(parsed.get("browser_name").asText()).isEqualTo("Chrome");
    assertThat(parsed.get("browser_version").asText()).startsWith("120");
    assertThat(record.get("ua").asText()).isEqualTo(CHROME_ON_ANDROID);
    LoggerFactory.getLogger(TestEnrichmentSteps.class)
        .info("YAUAA: the first record, with loading, took {} ms", firstMillis);
  }

  @Test
  void aUserAgentThatIsNoStringIsAnError() throws Exception {
    TransformResult result =
        new TransformStage(
                new Transforms(
                    List.of(new UserAgentStep(FieldPath.parse("ua"), "agent")), Map.of(), false))
            .apply(TableIdentifier.parse("raw.t"), object("{\"ua\":42}"), "t:0@1");

    assertThat(((TransformResult.Failed) result).message())
        .isEqualTo(
            "record t:0@1: transforms[0] (user-agent): field 'ua' is not a user-agent string");
  }

  @Test
  void aMissingOrForeignDatabaseFileIsRefusedNamingIt(@TempDir Path directory) throws Exception {
    Path missing = directory.resolve("GeoLite2-City.mmdb");
    Path foreign = Files.writeString(directory.resolve("not-a-database.mmdb"), "hello");

    assertThatThrownBy(() -> GeoStep.open(FieldPath.parse("ip"), "ip_geo", missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such MaxMind database file: " + missing.toAbsolutePath());
    assertThatThrownBy(() -> GeoStep.open(FieldPath.parse("ip"), "ip_geo", foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(foreign.toAbsolutePath() + " is not a MaxMind database: ");
    assertThatThrownBy(() -> GeoStep.open(FieldPath.parse("ip"), "a.b", missing))
        .hasMessage("the target is a name beside the field, without dots: 'a.b'");
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
