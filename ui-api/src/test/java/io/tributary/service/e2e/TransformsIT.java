package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A realistic transform chain on the real stack. Every clear value of a masked field carries a
 * unique marker; after ingestion the table, the dead-letter table, the drift ledger, every API
 * response and the service log are searched for it. Filtered records are counted and absent;
 * derived, flattened and normalized columns are queried through Trino.
 */
class TransformsIT {
  private static final String MARKER = "pii-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String HMAC_SECRET = "transforms-it-hmac-" + UUID.randomUUID();
  private static final int RECORDS = 200;
  private static final int FILTERED = RECORDS / 10;

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Topics topics = clients.topics();

  @Test
  void maskedValuesSurfaceNowhereAndTransformedColumnsAreQueryable() throws Exception {
    String topic = UniqueNames.of("transforms");
    String schema = topic;
    String table = schema + ".events";
    String deadLetters = table + "__dead_letter";
    topics.create(topic, 1);
    try (KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int i = 0; i < RECORDS; i++) {
        send(producer, topic, record(i, "01/07/2024 14:30"));
      }
      // A timestamp that is no timestamp: a dead letter, kept as its masked parse.
      send(producer, topic, record(RECORDS + 1, "yesterday"));
      // Not JSON, with a clear value in it: a dead letter keeping nothing.
      send(producer, topic, "{\"email\": \"broken-" + MARKER + "@example.com\", oops");
      producer.flush();
    }
    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                transforms:
                  source: {kafka: {bootstrap-servers: %s, topics: [%s]}}
                  route: {table: %s}
                  commit: {interval: 1s}
                  transforms:
                    - {type: filter, expression: "test != true"}
                    - {type: derive, field: email_domain, expression: "email.split('@')[1]"}
                    - {type: derive, field: amount_cents, expression: "int(amount * 100.0)"}
                    - {type: mask, fields: [email, contacts.email], method: hash, \
            hmac-secret: "${TRANSFORMS_HMAC_SECRET}"}
                    - {type: mask, fields: [card], method: keep-last, keep: 4}
                    - {type: mask, fields: [profile.phone], method: redact}
                    - {type: drop, fields: [debug]}
                    - {type: flatten, field: device, depth: 2}
                    - {type: timestamp, field: created, format: "dd/MM/yyyy HH:mm", \
            zone: Europe/Amsterdam}
                    - {type: user-agent, field: ua}
            """
                .formatted(stack.kafkaBootstrap(), topic, table);
    Map<String, String> environment = Map.of("TRANSFORMS_HMAC_SECRET", HMAC_SECRET);
    List<String> outputs = new ArrayList<>();
    String log;
    try (ServiceProcess service =
        ServiceProcess.start("transforms", config, environment).awaitStarted()) {
      int kept = RECORDS - FILTERED;
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () ->
                  ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue() >= kept
                      && ((Number) trino.scalar("SELECT count(*) FROM " + deadLetters)).longValue()
                          >= 2);

      // Filtered records are absent and counted.
      assertThat(trino.scalar("SELECT count(*) FROM " + table)).isEqualTo((long) kept);
      assertThat(trino.scalar("SELECT count(*) FROM " + table + " WHERE id % 10 = 0"))
          .isEqualTo(0L);
      String pipeline = service.get("/api/v1/pipelines/transforms").body();
      assertThat(pipeline).contains("\"recordsFiltered\":" + FILTERED);
      String metrics = service.get("/q/metrics").body();
      assertThat(metrics)
          .contains("tributary_records_filtered_total{pipeline=\"transforms\"} " + FILTERED);

      // Derived, flattened and normalized columns, queried through Trino.
      List<Object> derived =
          trino
              .query(
                  "SELECT sum(amount_cents), count(DISTINCT email_domain), min(device_os),"
                      + " min(device_model_name), to_iso8601(min(created)), typeof(min(created)),"
                      + " min(card), min(profile.phone), min(length(email)),"
                      + " min(ua_agent.browser_name), min(ua_agent.os_name)"
                      + " FROM "
                      + table)
              .get(0);
      assertThat(((Number) derived.get(0)).longValue()).isEqualTo(1234L * kept);
      assertThat(derived.get(1)).isEqualTo(1L);
      assertThat(derived.get(2)).isEqualTo("linux");
      assertThat(derived.get(3)).isEqualTo("pixel");
      assertThat(derived.get(4).toString()).startsWith("2024-07-01T12:30:00");
      assertThat(derived.get(5)).isEqualTo("timestamp(6) with time zone");
      assertThat((String) derived.get(6)).matches("\\*+[0-9]{4}");
      assertThat(derived.get(7)).isEqualTo("REDACTED");
      assertThat(derived.get(8)).isEqualTo(64L);
      assertThat(derived.get(9)).isEqualTo("Chrome");
      assertThat(derived.get(10)).isEqualTo("Android");
      // The keyed hash is stable: a masked column still joins on the hash of a known value.
      assertThat(
              trino.scalar(
                  "SELECT count(*) FROM " + table + " WHERE email = '" + hmac(email(7)) + "'"))
          .isEqualTo(1L);

      // Dead letters: the bad timestamp keeps its masked parse, the bad JSON nothing.
      List<List<Object>> letters =
          trino.query(
              "SELECT value_form, from_utf8(raw_value), error_message FROM "
                  + deadLetters
                  + " ORDER BY _source.offset");
      assertThat(letters).hasSize(2);
      assertThat(letters.get(0).get(0)).isEqualTo("masked");
      assertThat((String) letters.get(0).get(1)).contains(hmac(email(RECORDS + 1)), "REDACTED");
      assertThat((String) letters.get(0).get(2))
          .contains(topic, "transforms[8] (timestamp)", "field 'created'");
      assertThat(letters.get(1).get(0)).isEqualTo("none");
      assertThat(letters.get(1).get(1)).isNull();
      assertThat((String) letters.get(1).get(2)).contains("is not valid JSON at line 1");

      outputs.add(rows(trino.query("SELECT * FROM " + table)));
      outputs.add(rows(letters));
      outputs.add(rows(trino.query("SELECT * FROM " + deadLetters)));
      outputs.add(rows(trino.query("SELECT * FROM " + schema + ".tributary_drift_events")));
      for (String path :
          List.of(
              "/api/v1/pipelines",
              "/api/v1/pipelines/transforms",
              "/api/v1/pipelines/transforms/dead-letters",
              "/api/v1/tables",
              "/api/v1/tables/" + table + "/schemas",
              "/api/v1/tables/" + table + "/drift-events",
              "/api/v1/tables/" + table + "/fields",
              "/q/metrics")) {
        outputs.add(path + " -> " + service.get(path).body());
      }
      assertThat(service.get("/api/v1/tables/" + table + "/drift-events").body())
          .containsPattern("\"transformsVersion\":\"[0-9a-f]{12}\"");
      assertThat(service.stop()).isZero();
      log = service.logText();
    }
    outputs.add(
        ValidateRun.of("transforms", config.replace("${TRANSFORMS_HMAC_SECRET}", HMAC_SECRET))
            .output());

    String everything = String.join("\n", outputs);
    // The search saw what it searched: samples, profiles and dead letters are there.
    assertThat(everything)
        .contains("\"valueForm\":\"masked\"", "email_domain", "REDACTED", hmac(email(3)));
    for (String text : List.of(everything, log)) {
      assertThat(text).doesNotContain(MARKER, HMAC_SECRET);
    }
  }

  private static String email(int id) {
    return "user-" + id + "-" + MARKER + "@example.com";
  }

  private static String record(int id, String created) {
    return """
        {"id": %d, "email": "%s", "card": "4111-%s-%04d", "test": %s, "amount": 12.34,
         "profile": {"phone": "+31-%s", "plan": "pro"},
         "contacts": [{"email": "friend-%s@example.com", "kind": "friend"}],
         "device": {"os": "linux", "model": {"name": "pixel"}},
         "debug": {"trace": "%s"}, "created": "%s",
         "ua": "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) \
        Chrome/120.0.6099.144 Mobile Safari/537.36"}"""
        .formatted(id, email(id), MARKER, id, id % 10 == 0, MARKER, MARKER, MARKER, created);
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, String value) {
    producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
  }

  private static String hmac(String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static String rows(List<List<Object>> rows) {
    StringBuilder text = new StringBuilder();
    rows.forEach(row -> text.append(row).append('\n'));
    return text.toString();
  }
}
