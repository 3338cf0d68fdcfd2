package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.DEAD_LETTERS;
import static io.tributary.ingest.PipelineHarness.NAMESPACE;
import static io.tributary.ingest.PipelineHarness.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class TestDeadLetterReader {
  private static final SourcePartition P0 = SourcePartition.kafka("orders", 0);

  private final PipelineHarness harness = new PipelineHarness();

  @Test
  void newestDeadLettersComeFirstAndNoMoreThanAsked() throws InterruptedException {
    List<SourceRecord> log = new ArrayList<>();
    for (int offset = 0; offset < 30; offset++) {
      log.add(record(P0, offset, offset % 3 == 0 ? "{\"id\": 1}" : "{broken " + offset));
    }
    harness.runUntil(
        harness.settings(RouteSettings.toTable(TableIdentifier.of(NAMESPACE, "orders"))),
        Map.of(P0, log),
        () -> harness.coordinates(DEAD_LETTERS).size() >= 20);

    List<Record> newest =
        new DeadLetterReader(harness.table(DEAD_LETTERS)).newest(Instant.EPOCH, 5);

    assertThat(newest).hasSize(5);
    assertThat(newest)
        .extracting(row -> (OffsetDateTime) row.getField("failed_at"))
        .isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(newest)
        .extracting(row -> (String) row.getField("error_message"))
        .allSatisfy(message -> assertThat(message).startsWith("record orders:0@"));
  }

  @Test
  void deadLettersBeforeTheBoundAreLeftOut() throws InterruptedException {
    harness.runUntil(
        harness.settings(RouteSettings.toTable(TableIdentifier.of(NAMESPACE, "orders"))),
        Map.of(P0, List.of(record(P0, 0, "{broken"))),
        () -> harness.coordinates(DEAD_LETTERS).size() >= 1);

    DeadLetterReader reader = new DeadLetterReader(harness.table(DEAD_LETTERS));

    assertThat(reader.newest(Instant.now().plusSeconds(3600), 10)).isEmpty();
    assertThatThrownBy(() -> reader.newest(Instant.EPOCH, 0))
        .hasMessage("limit must be positive: 0");
  }
}
