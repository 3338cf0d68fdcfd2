package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad record, interleaved with good ones: good records all land, bad ones all go to
 * the dead-letter table with an error naming the record, and the pipeline never stalls.
 */
class BadInputIT {
  @Test
  void badRecordsAreDeadLetteredWithTheirErrorAndGoodOnesLand() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Trino trino = clients.trino();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("bad");
    String schema = topic;
    topics.create(topic, 1);

    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("invalid JSON", bytes("{\"kind\": \"order\", \"id\": "));
    bad.put(
        "invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
    bad.put("an array", bytes("[{\"kind\": \"order\"}]"));
    bad.put("a string", bytes("\"order\""));
    bad.put("a number", bytes("42"));
    bad.put("trailing garbage", bytes("{\"kind\": \"order\"} {\"kind\": \"order\"}"));
    bad.put("a duplicate key", bytes("{\"kind\": \"order\", \"kind\": \"payment\"}"));
    bad.put("too large", bytes("{\"kind\": \"order\", \"blob\": \"" + "x".repeat(4096) + "\"}"));
    bad.put("no route field", bytes("{\"id\": 1}"));
    bad.put("an unknown route", bytes("{\"kind\": \"refund\"}"));
    bad.put("empty", new byte[0]);
    bad.put("a tombstone", null);
    Map<String, String> expectedErrors = new LinkedHashMap<>();
    expectedErrors.put("invalid JSON", "is not valid JSON");
    expectedErrors.put("invalid UTF-8", "is not valid JSON");
    expectedErrors.put("an array", "is array JSON, expected an object");
    expectedErrors.put("a string", "is string JSON, expected an object");
    expectedErrors.put("a number", "is number JSON, expected an object");
    expectedErrors.put("trailing garbage", "is not valid JSON");
    expectedErrors.put("a duplicate key", "is not valid JSON: Duplicate field 'kind'");
    expectedErrors.put("too large", "over the limit of 2048");
    expectedErrors.put("no route field", "has no scalar value in route field 'kind'");
    expectedErrors.put("an unknown route", "matches no route for kind='refund'");
    expectedErrors.put("empty", "is empty JSON, expected an object");
    expectedErrors.put("a tombstone", "has no value (tombstone)");

    int good = 0;
    long goodIdSum = 0;
    List<String> badOrder = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int round = 0; round < 3; round++) {
        for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
          int id = good++;
          goodIdSum += id;
          producer.send(
              new ProducerRecord<>(topic, bytes("{\"kind\": \"order\", \"id\": " + id + "}")));
          producer.send(new ProducerRecord<>(topic, "bad", entry.getValue()));
          badOrder.add(entry.getKey());
        }
      }
      producer.flush();
    }
    int goodCount = good;

    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                bad:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    field: kind
                    rules:
                      - {equals: order, table: %s.orders}
                  commit:
                    interval: 1s
                    max-record-bytes: 2KB
            """
                .formatted(stack.kafkaBootstrap(), topic, schema);
    try (ServiceProcess service = ServiceProcess.start("bad-input", config).awaitStarted()) {
      String deadLetters = "iceberg." + schema + ".bad__dead_letter";
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  trino.tableExists(schema, "bad__dead_letter")
                      && trino.tableExists(schema, "orders")
                      && ((Number) trino.scalar("SELECT count(*) FROM " + deadLetters)).intValue()
                          == badOrder.size()
                      && ((Number)
                                  trino.scalar(
                                      "SELECT count(*) FROM iceberg." + schema + ".orders"))
                              .intValue()
                          == goodCount);

      assertThat(trino.scalar("SELECT sum(id) FROM iceberg." + schema + ".orders"))
          .isEqualTo(goodIdSum);
      List<List<Object>> rows =
          trino.query(
              "SELECT _source.offset, error_message, raw_value IS NULL FROM "
                  + deadLetters
                  + " ORDER BY _source.offset");
      assertThat(rows).hasSize(badOrder.size());
      for (int i = 0; i < rows.size(); i++) {
        String kind = badOrder.get(i);
        long offset = ((Number) rows.get(i).get(0)).longValue();
        String message = (String) rows.get(i).get(1);
        assertThat(offset).as("offset of %s", kind).isEqualTo(2L * i + 1);
        assertThat(message)
            .as("error for %s", kind)
            .startsWith("record " + topic + ":0@" + offset)
            .contains(expectedErrors.get(kind));
        assertThat(rows.get(i).get(2))
            .as("raw bytes kept for %s", kind)
            .isEqualTo(bad.get(kind) == null);
      }

      // The admin API shows the newest ones, naming each record.
      String api = service.get("/api/v1/pipelines/bad/dead-letters?limit=3").body();
      assertThat(api.split("\"errorMessage\":\"record " + topic + ":0@", -1)).hasSize(4);
      assertThat(service.get("/api/v1/pipelines/nope/dead-letters").statusCode()).isEqualTo(404);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
