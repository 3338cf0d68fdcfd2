package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.schema.ColumnNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A stream whose records drift over time, through the running service into Trino: fields are added,
 * an int field turns float, a number turns string, nested fields appear, names differ only in case
 * or carry spaces and dots, nulls, empty and mixed arrays and id-keyed objects arrive. Every
 * produced value must come back exactly, from its typed column or from {@code _rescued_data}; the
 * admin API's timeline and diffs must match the table's schemas.
 */
class SchemaDriftIT {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();
  private static final int PER_PHASE = 40;

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Topics topics = clients.topics();

  @Test
  void everyDriftingValueIsRecoverableAndEveryChangeIsShown() throws Exception {
    String topic = UniqueNames.of("drift");
    String schema = topic;
    String table = schema + ".events";
    topics.create(topic, 1);

    List<List<String>> phases =
        List.of(
            phase(
                i ->
                    "{\"id\": %d, \"amount\": %d, \"name\": \"n%d\", \"code\": %d}"
                        .formatted(i, i, i, i)),
            phase(
                i ->
                    ("{\"id\": %d, \"amount\": %d.5, \"Name\": \"case%d\", \"ship to\": {\"city\":"
                            + " \"Oslo\"}, \"a.b\": true, \"tags\": [], \"note\": null, \"mixed\":"
                            + " [1, \"a\", {\"b\": %d}], \"scores\": {\"1001\": %d, \"1002\": 6},"
                            + " \"code\": 12}")
                        .formatted(i, i, i, i, i)),
            phase(
                i ->
                    ("{\"id\": %d, \"amount\": \"abc\", \"ship to\": {\"city\": \"X\", \"zip\":"
                            + " \"0150\", \"geo\": {\"lat\": 59.91}}, \"tags\": [\"t%d\"], \"code\":"
                            + " \"A%d\", \"empty\": {}}")
                        .formatted(i, i, i)),
            phase(
                i ->
                    "{\"id\": %d, \"amount\": 12345678901234567890.123, \"flag\": null, \"Code\": 3}"
                        .formatted(i)));

    String config =
        ServiceConfigs.pipeline(stack, stack.kafkaBootstrap(), stack.metastoreUri(), topic, table)
            .replace("          event-time-field: event_time\n", "          source-column: true\n");
    List<String> produced = new ArrayList<>();
    try (ServiceProcess service = ServiceProcess.start("schema-drift", config).awaitStarted();
        KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (List<String> phase : phases) {
        for (String json : phase) {
          producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
          produced.add(json);
        }
        producer.flush();
        int expected = produced.size();
        // Each phase lands in its own commits, so the schema evolves between them without a stall.
        // Generous: the shared metastore sometimes answers a table-creation lock only after
        // minutes when other tests load it.
        await()
            .atMost(Duration.ofMinutes(6))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    trino.tableExists(schema, "events")
                        && ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue()
                            >= expected);
      }

      assertEveryValueRecoverable(schema, table, produced);
      assertApiMatchesTheSchemas(service, table);
    }
  }

  private void assertEveryValueRecoverable(String schema, String table, List<String> produced)
      throws Exception {
    List<String> columns = new ArrayList<>();
    for (List<Object> row :
        trino.query(
            "SELECT column_name FROM iceberg.information_schema.columns WHERE table_schema = '"
                + schema
                + "' AND table_name = 'events' ORDER BY ordinal_position")) {
      String column = (String) row.get(0);
      if (!column.startsWith("_")) {
        columns.add(column);
      }
    }
    StringBuilder select = new StringBuilder("SELECT _source.\"offset\", _rescued_data");
    for (String column : columns) {
      select.append(", json_format(CAST(\"").append(column).append("\" AS JSON))");
    }
    List<List<Object>> rows = trino.query(select + " FROM " + table + " ORDER BY 1");
    assertThat(rows).hasSize(produced.size());
    for (List<Object> row : rows) {
      int offset = ((Number) row.get(0)).intValue();
      JsonNode input = JSON.readTree(produced.get(offset));
      JsonNode rescued =
          row.get(1) == null ? JSON.createObjectNode() : JSON.readTree((String) row.get(1));
      ObjectNode typed = JSON.createObjectNode();
      for (int i = 0; i < columns.size(); i++) {
        Object value = row.get(i + 2);
        if (value != null) {
          typed.set(columns.get(i), JSON.readTree((String) value));
        }
      }
      List<String> problems = new ArrayList<>();
      recoverable(input, typed, rescued, "", problems);
      assertThat(problems)
          .as("record %d %s -> typed %s, rescued %s", offset, input, typed, rescued)
          .isEmpty();
    }
  }

  /** Every key of the input object is in its typed column exactly, or rescued under its path. */
  private static void recoverable(
      JsonNode input, JsonNode typed, JsonNode rescued, String prefix, List<String> problems) {
    Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      String path = prefix + field.getKey();
      if (value.isNull()) {
        continue;
      }
      if (rescued.has(path)) {
        if (!same(value, rescued.get(path))) {
          problems.add(path + ": rescued " + rescued.get(path) + " is not " + value);
        }
        continue;
      }
      JsonNode column = typed == null ? null : typed.get(ColumnNames.normalize(field.getKey()));
      if (typed != null && column == null) {
        column = typed.get(field.getKey());
      }
      if (column == null || column.isNull()) {
        problems.add(path + ": neither in its column nor rescued");
      } else if (value.isObject()) {
        recoverable(value, column, rescued, path + ".", problems);
      } else if (value.isArray()) {
        if (!column.isArray() || column.size() != value.size()) {
          problems.add(path + ": array " + column + " is not " + value);
        } else {
          for (int i = 0; i < value.size(); i++) {
            if (!sameElement(value.get(i), column.get(i))) {
              problems.add(path + "[" + i + "]: " + column.get(i) + " is not " + value.get(i));
            }
          }
        }
      } else if (!same(value, column) && !sameAsText(value, column)) {
        problems.add(path + ": column holds " + column + ", not " + value);
      }
    }
  }

  private static boolean sameElement(JsonNode value, JsonNode column) {
    if (value.isObject() || value.isArray()) {
      // Mixed arrays are list<string> holding each element's JSON text.
      return column.isTextual() && same(value, parse(column.textValue()));
    }
    return same(value, column) || sameAsText(value, column);
  }

  /** A number or boolean in a string column is its exact JSON text. */
  private static boolean sameAsText(JsonNode value, JsonNode column) {
    return column.isTextual() && !value.isTextual() && value.toString().equals(column.textValue());
  }

  private static boolean same(JsonNode left, JsonNode right) {
    if (left.isNumber() && right.isNumber()) {
      return left.decimalValue().compareTo(right.decimalValue()) == 0;
    }
    if (left.isObject() && right.isObject()) {
      if (left.size() != right.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = left.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!right.has(field.getKey()) || !same(field.getValue(), right.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (left.isArray() && right.isArray() && left.size() == right.size()) {
      for (int i = 0; i < left.size(); i++) {
        if (!same(left.get(i), right.get(i))) {
          return false;
        }
      }
      return true;
    }
    return left.equals(right);
  }

  private void assertApiMatchesTheSchemas(ServiceProcess service, String table) throws Exception {
    JsonNode timeline = getJson(service, "/api/v1/tables/" + table + "/schemas");
    assertThat(timeline.size()).as("schemas in the timeline").isGreaterThanOrEqualTo(3);
    int first = timeline.get(0).get("schemaId").asInt();
    int last = timeline.get(timeline.size() - 1).get("schemaId").asInt();
    JsonNode diff =
        getJson(service, "/api/v1/tables/" + table + "/schemas/" + first + "/diff/" + last);
    List<String> added = new ArrayList<>();
    diff.get("added").forEach(change -> added.add(change.get("path").asText()));
    assertThat(added)
        .contains("ship_to", "a_b", "mixed", "scores", "tags")
        .doesNotContain("note", "empty", "flag");
    // Each step of the timeline equals the diff between neighbouring schemas.
    for (int i = 1; i < timeline.size(); i++) {
      JsonNode step =
          getJson(
              service,
              "/api/v1/tables/"
                  + table
                  + "/schemas/"
                  + timeline.get(i - 1).get("schemaId").asInt()
                  + "/diff/"
                  + timeline.get(i).get("schemaId").asInt());
      int stepChanges =
          step.get("added").size()
              + step.get("promoted").size()
              + step.get("madeOptional").size()
              + step.get("other").size();
      assertThat(stepChanges).isEqualTo(timeline.get(i).get("changesFromPrevious").size());
    }
    JsonNode events = getJson(service, "/api/v1/tables/" + table + "/drift-events?size=100");
    assertThat(events.get("total").asInt()).isGreaterThanOrEqualTo(timeline.size());
    assertThat(events.get("events").get(0).get("sourcePosition").asText()).contains("drift_");
    JsonNode shipTo = getJson(service, "/api/v1/tables/" + table + "/drift-events?field=ship_to");
    assertThat(shipTo.get("total").asInt()).isEqualTo(2);
    JsonNode fields = getJson(service, "/api/v1/tables/" + table + "/fields");
    JsonNode amount = null;
    for (JsonNode field : fields) {
      if (field.get("path").asText().equals("amount")) {
        amount = field;
      }
    }
    assertThat(amount).isNotNull();
    assertThat(amount.get("rescued").asLong())
        .as("2.5, abc, a too long decimal")
        .isEqualTo(3L * PER_PHASE);
    assertThat(service.get("/q/openapi").body()).contains("/api/v1/tables/{table}/drift-events");
  }

  private static JsonNode getJson(ServiceProcess service, String path) throws Exception {
    HttpResponse<String> response = service.get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static List<String> phase(java.util.function.IntFunction<String> record) {
    List<String> records = new ArrayList<>(PER_PHASE);
    for (int i = 0; i < PER_PHASE; i++) {
      records.add(record.apply(i));
    }
    return records;
  }
}
