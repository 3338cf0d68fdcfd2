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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Hostile records at the edges of what the service accepts, each between two good ones: every
 * record becomes a row (its misfits rescued) or a dead letter naming it, the pipeline keeps
 * running, and the service stays within its heap ({@code -Xmx512m}, exiting on OutOfMemoryError).
 */
class BadInputCorpusIT {
  private static final int MEGABYTE = 1 << 20;
  // The default max-record-bytes.
  private static final int LIMIT = 8 * MEGABYTE;

  private enum Outcome {
    ROW,
    DEAD_LETTER,
    EITHER
  }

  private record Case(Outcome outcome, byte[] value, String error) {}

  @Test
  void everyHostileRecordBecomesARowOrANamedDeadLetter() throws Exception {
    StackClients clients = StackClients.shared();
    LocalStack stack = clients.stack();
    Trino trino = clients.trino();
    Topics topics = clients.topics();
    String topic = UniqueNames.of("corpus");
    String schema = topic;
    topics.create(topic, 1, Map.of("max.message.bytes", Integer.toString(12 * MEGABYTE)));

    Map<String, Case> corpus = corpus();
    List<String> produced = new ArrayList<>();
    int good = 0;
    try (KafkaProducer<String, byte[]> producer =
        topics.producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 12 * MEGABYTE))) {
      for (Map.Entry<String, Case> entry : corpus.entrySet()) {
        producer.send(new ProducerRecord<>(topic, goodRecord(good++))).get();
        producer.send(new ProducerRecord<>(topic, entry.getKey(), entry.getValue().value())).get();
        produced.add(entry.getKey());
      }
      producer.send(new ProducerRecord<>(topic, goodRecord(good++))).get();
    }
    int goodCount = good;

    String config =
        ServiceConfigs.catalog(stack, stack.metastoreUri())
            + """
              pipelines:
                corpus:
                  source:
                    kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                  route:
                    table: %s.events
                  commit:
                    interval: 1s
            """
                .formatted(stack.kafkaBootstrap(), topic, schema);
    List<String> tables =
        List.of("iceberg." + schema + ".events", "iceberg." + schema + ".events__dead_letter");
    try (ServiceProcess service = ServiceProcess.start("bad-input-corpus", config).awaitStarted()) {
      long total = goodCount + corpus.size();
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  trino.tableExists(schema, "events")
                      && trino.tableExists(schema, "events__dead_letter")
                      && SourceCoverage.rowCount(trino, tables) >= total);
      SourceCoverage.assertExactlyOnce(trino, tables, Map.of(topic, topics.endOffsets(topic)));

      // Offsets alternate good, hostile, good, ...: the hostile record of case i is at 2i + 1.
      Map<Long, String> deadLetters = new LinkedHashMap<>();
      for (List<Object> row :
          trino.query("SELECT _source.offset, error_message FROM " + tables.get(1))) {
        deadLetters.put(((Number) row.get(0)).longValue(), (String) row.get(1));
      }
      for (int i = 0; i < produced.size(); i++) {
        String name = produced.get(i);
        Case expected = corpus.get(name);
        long offset = 2L * i + 1;
        String error = deadLetters.get(offset);
        if (expected.outcome() == Outcome.ROW) {
          assertThat(error).as("%s is a row, not a dead letter", name).isNull();
        } else if (expected.outcome() == Outcome.DEAD_LETTER) {
          assertThat(error)
              .as("dead letter for %s", name)
              .startsWith("record " + topic + ":0@" + offset)
              .contains(expected.error());
        } else if (error != null) {
          assertThat(error).as("dead letter for %s", name).startsWith("record " + topic + ":0@");
        }
      }
      assertThat(deadLetters.keySet()).allMatch(offset -> offset % 2 == 1);
      assertThat(
              ((Number) trino.scalar("SELECT count(*) FROM " + tables.get(0) + " WHERE good"))
                  .intValue())
          .isEqualTo(goodCount);
      assertThat(service.get("/api/v1/pipelines/corpus").body()).contains("\"state\":\"RUNNING\"");
      assertThat(service.isAlive()).as("the service is alive (no OutOfMemoryError)").isTrue();
    }
  }

  private static byte[] goodRecord(int id) {
    return bytes("{\"good\": true, \"id\": " + id + "}");
  }

  private static Map<String, Case> corpus() {
    Map<String, Case> corpus = new LinkedHashMap<>();
    corpus.put("10 MB", dead(blob(10 * MEGABYTE), "over the limit"));
    corpus.put("just over the limit", dead(blob(LIMIT + 1), "over the limit"));
    corpus.put("just under the limit", row(blob(LIMIT - 64)));
    corpus.put(
        "nesting depth 1,000", either(bytes("{\"d\": ".repeat(1_000) + "1" + "}".repeat(1_000))));
    StringBuilder wide = new StringBuilder("{\"wide\": true");
    for (int i = 0; i < 10_000; i++) {
      wide.append(", \"field_").append(i).append("\": ").append(i);
    }
    corpus.put("10,000 fields", row(bytes(wide.append('}').toString())));
    corpus.put("beyond double", row(bytes("{\"big\": 1e400}")));
    corpus.put("beyond decimal(38)", row(bytes("{\"huge\": " + "9".repeat(60) + "}")));
    corpus.put("NaN token", dead(bytes("{\"x\": NaN}"), "is not valid JSON"));
    corpus.put("Infinity token", dead(bytes("{\"x\": -Infinity}"), "is not valid JSON"));
    corpus.put("NaN as a string", row(bytes("{\"x\": \"NaN\"}")));
    corpus.put(
        "invalid UTF-8 in a key",
        dead(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}, "is not valid JSON"));
    corpus.put("a byte order mark", either(bytes("\uFEFF{\"bom\": 1}")));
    corpus.put("an escaped control character in a key", row(bytes("{\"a\\u0001b\": 1}")));
    corpus.put(
        "a raw control character in a key", dead(bytes("{\"a\u0001b\": 1}"), "is not valid JSON"));
    corpus.put(
        "a duplicate key at depth",
        dead(bytes("{\"c\": {\"d\": {\"a\": 1, \"a\": 2}}}"), "Duplicate field 'a'"));
    corpus.put("an empty key", row(bytes("{\"\": 1, \"ok\": 2}")));
    corpus.put("keys differing only in case", row(bytes("{\"Amount\": 1, \"amount\": 2}")));
    corpus.put(
        "keys differing only in Unicode normalization",
        row(bytes("{\"caf\u00e9\": 1, \"cafe\u0301\": 2}")));
    // UTF-8 cannot carry it: Parquet would write '?', so the record stays whole as a dead letter.
    corpus.put(
        "a lone surrogate", dead(bytes("{\"s\": \"\\ud800\"}"), "unpaired surrogate at $.s"));
    return corpus;
  }

  private static byte[] blob(int size) {
    String prefix = "{\"blob\": \"";
    String suffix = "\"}";
    return bytes(prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix);
  }

  private static Case row(byte[] value) {
    return new Case(Outcome.ROW, value, "");
  }

  private static Case dead(byte[] value, String error) {
    return new Case(Outcome.DEAD_LETTER, value, error);
  }

  private static Case either(byte[] value) {
    return new Case(Outcome.EITHER, value, "");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
