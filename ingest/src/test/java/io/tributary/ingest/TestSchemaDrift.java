package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.NAMESPACE;
import static io.tributary.ingest.PipelineHarness.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.SchemaChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/** A stream whose records drift, committed in three rounds; every value stays recoverable. */
class TestSchemaDrift {
  private static final TableIdentifier EVENTS = TableIdentifier.of(NAMESPACE, "drifting");
  private static final SourcePartition P0 = SourcePartition.kafka("drifting", 0);

  private final PipelineHarness harness = new PipelineHarness();
  private final PipelineSettings settings = harness.settings(RouteSettings.toTable(EVENTS));

  @Test
  void evolvesRescuesAndRecordsEveryChange() throws Exception {
    List<SourceRecord> log = new ArrayList<>();
    round(log, "{\"id\": 1, \"amount\": 2, \"Name\": \"a\"}");
    round(
        log,
        "{\"id\": 2, \"amount\": 2.5, \"name\": \"b\", \"customer\": {\"tier\": \"gold\"},"
            + " \"tags\": [], \"note\": null, \"mixed\": [1, \"a\", {\"b\": 1}],"
            + " \"scores\": {\"1001\": 5, \"1002\": 6}, \"a.b\": true, \"code\": 12}");
    round(
        log,
        "{\"id\": 3, \"code\": \"A12\", \"customer\": {\"tier\": \"x\", \"since\": 2020},"
            + " \"amount\": \"abc\", \"tags\": [\"x\"]}");

    Table table = harness.catalog().catalog().loadTable(EVENTS);
    assertThat(table.schema().findField("a_b").doc()).isEqualTo("a.b");
    assertThat(table.schema().findType("scores").toString()).isEqualTo("map<string, long>");
    assertThat(table.schema().findType("mixed").toString()).isEqualTo("list<string>");
    assertThat(table.schema().findField("note")).isNull();

    Map<Long, Record> rows = new LinkedHashMap<>();
    harness
        .rows(EVENTS)
        .forEach(
            row -> rows.put((Long) ((Record) row.getField("_source")).getField("offset"), row));
    assertThat(rows.get(0L).getField("amount")).isEqualTo(2L);
    assertThat(rows.get(1L).getField("amount")).isNull();
    assertThat(rows.get(1L).getField("_rescued_data"))
        .isEqualTo("{\"amount\":2.5,\"name\":\"b\",\"tags\":[]}");
    assertThat(rows.get(1L).getField("code")).isEqualTo(12L);
    assertThat(rows.get(2L).getField("_rescued_data"))
        .isEqualTo("{\"code\":\"A12\",\"amount\":\"abc\"}");
    assertThat(((Record) rows.get(2L).getField("customer")).getField("since")).isEqualTo(2020L);
    assertThat(rows.get(2L).getField("tags")).isEqualTo(List.of("x"));

    List<DriftEvent> events =
        new DriftLedger(harness.catalog().catalog())
            .events(EVENTS, Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(events).hasSize(3);
    assertThat(events.get(0).schemaIdBefore()).isEmpty();
    assertThat(events.get(1).changes())
        .extracting(SchemaChange::path)
        .containsExactly("customer", "mixed", "scores", "a_b", "code");
    assertThat(events.get(1).sourcePosition()).isEqualTo("drifting:0@1");
    assertThat(events.get(2).changes())
        .extracting(change -> change.kind() + " " + change.path())
        .containsExactly("ADDED customer.since", "ADDED tags");
    assertThat(
            new DriftLedger(harness.catalog().catalog())
                .events(EVENTS, Optional.of("customer"), Optional.empty(), Optional.empty()))
        .hasSize(2);
  }

  private void round(List<SourceRecord> log, String json) throws InterruptedException {
    log.add(record(P0, log.size(), json));
    int expected = log.size();
    harness.runUntil(
        settings,
        Map.of(P0, List.copyOf(log)),
        () -> harness.coordinates(EVENTS).size() >= expected);
  }
}
