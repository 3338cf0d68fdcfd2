package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A stream whose first commit is misleading, through the running service with default schema
 * settings: a few titles are numbers ({@code 1776}) among text titles, one amount is {@code 1e400}
 * among doubles, and one record carries thousands of keys. The columns must take the types the bulk
 * supports, at least 95% of all values must be in typed columns, and every value must come back
 * exactly through Trino, from its column or from {@code _rescued_data} as written.
 */
class SchemaEvidenceIT {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();
  private static final int RECORDS = 20_000;
  private static final int WIDE_RECORD = 7;
  private static final int WIDE_KEYS = 3_000;
  private static final int OUT_OF_RANGE = 3;

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Topics topics = clients.topics();

  @Test
  void theBulkDecidesTheTypesAndEveryValueIsRecoverable() throws Exception {
    String topic = UniqueNames.of("evidence");
    String schema = topic;
    String table = schema + ".movies";
    topics.create(topic, 1);
    List<String> produced = new ArrayList<>();
    // Everything is in the topic before the service starts, so its first commits see the odd
    // records among the ordinary ones.
    try (KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int i = 0; i < RECORDS; i++) {
        String json = record(i);
        producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
        produced.add(json);
      }
      producer.flush();
    }

    String config =
        ServiceConfigs.pipeline(stack, stack.kafkaBootstrap(), stack.metastoreUri(), topic, table)
            .replace("          event-time-field: event_time\n", "          source-column: true\n");
    try (ServiceProcess service = ServiceProcess.start("schema-evidence", config).awaitStarted()) {
      await()
          .atMost(Duration.ofMinutes(6))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  trino.tableExists(schema, "movies")
                      && ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue()
                          >= RECORDS);

      assertThat(columnTypes(schema))
          .containsEntry("id", "bigint")
          .containsEntry("title", "varchar")
          .containsEntry("amount", "double")
          .containsEntry("year", "bigint")
          .containsEntry("rating", "double")
          .doesNotContainKeys("k0", "k1", "k2999");
      assertEveryValueRecoverable(table, produced);

      JsonNode events = getJson(service, "/api/v1/tables/" + table + "/drift-events?size=100");
      boolean suspect = false;
      for (JsonNode event : events.get("events")) {
        suspect |= event.get("suspect").asBoolean();
      }
      assertThat(suspect).as("an event marked suspect: %s", events).isTrue();
    }
  }

  /** Record 0 has a numeric title, every 50th too; one amount is 1e400; one record is wide. */
  private static String record(int i) {
    String title = i % 50 == 0 ? Integer.toString(1776 + i) : "\"Movie " + i + "\"";
    String amount = i == OUT_OF_RANGE ? "1e400" : (i % 1000) + ".25";
    StringBuilder json =
        new StringBuilder(
            "{\"id\": %d, \"title\": %s, \"amount\": %s, \"year\": %d, \"rating\": %d.5"
                .formatted(i, title, amount, 1900 + i % 120, i % 10));
    if (i == WIDE_RECORD) {
      for (int k = 0; k < WIDE_KEYS; k++) {
        json.append(", \"k").append(k).append("\": ").append(k);
      }
    }
    return json.append('}').toString();
  }

  private Map<String, String> columnTypes(String schema) throws Exception {
    Map<String, String> types = new HashMap<>();
    for (List<Object> row :
        trino.query(
            "SELECT column_name, data_type FROM iceberg.information_schema.columns"
                + " WHERE table_schema = '"
                + schema
                + "' AND table_name = 'movies'")) {
      types.put((String) row.get(0), (String) row.get(1));
    }
    return types;
  }

  private void assertEveryValueRecoverable(String table, List<String> produced) throws Exception {
    List<String> columns = List.of("id", "title", "amount", "year", "rating");
    List<List<Object>> rows =
        trino.query(
            "SELECT _source.\"offset\", _rescued_data, json_format(CAST(id AS JSON)), title,"
                + " json_format(CAST(amount AS JSON)), json_format(CAST(year AS JSON)),"
                + " json_format(CAST(rating AS JSON)) FROM "
                + table
                + " ORDER BY 1");
    assertThat(rows).hasSize(produced.size());
    long typed = 0;
    long rescuedValues = 0;
    List<String> problems = new ArrayList<>();
    for (List<Object> row : rows) {
      int offset = ((Number) row.get(0)).intValue();
      String rawRescued = (String) row.get(1);
      JsonNode input = JSON.readTree(produced.get(offset));
      ObjectNode rescued =
          rawRescued == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(rawRescued);
      for (Map.Entry<String, JsonNode> field : input.properties()) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        int column = columns.indexOf(key);
        Object held = column < 0 ? null : row.get(column + 2);
        if (held != null) {
          typed++;
          if (!sameTyped(value, held)) {
            problems.add(offset + "." + key + ": column holds " + held + ", not " + value);
          }
        } else if (rescued.has(key)) {
          rescuedValues++;
          if (!same(value, rescued.get(key))) {
            problems.add(offset + "." + key + ": rescued " + rescued.get(key) + ", not " + value);
          }
        } else {
          problems.add(offset + "." + key + ": neither in its column nor rescued");
        }
      }
      if (offset == OUT_OF_RANGE) {
        // Kept as the producer wrote it, not as 1E+400.
        assertThat(rawRescued).contains("\"amount\":1e400");
      }
    }
    assertThat(problems).as("values not recovered exactly").isEmpty();
    assertThat(typed * 100.0 / (typed + rescuedValues))
        .as("share of values in typed columns (%d typed, %d rescued)", typed, rescuedValues)
        .isGreaterThanOrEqualTo(95.0);
  }

  /** A value in its typed column: numbers by exact value, numeric titles as their JSON text. */
  private static boolean sameTyped(JsonNode value, Object held) throws Exception {
    String text = (String) held;
    if (value.isTextual()) {
      return value.textValue().equals(text);
    }
    JsonNode column = JSON.readTree(text);
    if (column.isNumber()) {
      return value.decimalValue().compareTo(column.decimalValue()) == 0;
    }
    // A number in a string column is its exact JSON text.
    return column.isTextual() ? value.toString().equals(column.textValue()) : false;
  }

  private static boolean same(JsonNode left, JsonNode right) {
    if (left.isNumber() && right.isNumber()) {
      return new BigDecimal(left.asText()).compareTo(new BigDecimal(right.asText())) == 0;
    }
    return left.equals(right);
  }

  private static JsonNode getJson(ServiceProcess service, String path) throws Exception {
    HttpResponse<String> response = service.get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
