package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.ingest.source.SourceKind;
import io.tributary.schema.SchemaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

class TestPipelineSettings {
  private static final TableIdentifier ORDERS = TableIdentifier.of("raw", "orders");
  private static final TableIdentifier CLICKS = TableIdentifier.of("raw", "clicks");

  @Test
  void tablesFallBackFromTheirOverrideToThePipelineToTheEventTimeToTheBrokerTime() {
    Map<TableIdentifier, TableLayoutOverride> overrides =
        Map.of(
            ORDERS,
            new TableLayoutOverride(Optional.of(List.of("bucket[8](id)")), Map.of("k", "v")));

    assertThat(settings(List.of(), Optional.of("event_time"), overrides).partitionBy(ORDERS))
        .containsExactly("bucket[8](id)");
    assertThat(
            settings(List.of("hour(ts)"), Optional.of("event_time"), overrides).partitionBy(CLICKS))
        .containsExactly("hour(ts)");
    assertThat(settings(List.of(), Optional.of("event_time"), overrides).partitionBy(CLICKS))
        .containsExactly("day(event_time)");
    assertThat(settings(List.of(), Optional.empty(), overrides).partitionBy(CLICKS))
        .containsExactly("day(_source.timestamp)");
    assertThat(settings(List.of(), Optional.empty(), overrides).tableProperties(ORDERS))
        .containsEntry("k", "v")
        .containsEntry("format-version", "2");
  }

  @Test
  void theDeadLetterTableCannotAlsoBeARouteTarget() {
    assertThatThrownBy(
            () ->
                new PipelineSettings(
                    "p",
                    RouteSettings.toTable(ORDERS),
                    ORDERS,
                    true,
                    List.of(),
                    Optional.empty(),
                    Duration.ofSeconds(1),
                    1,
                    1,
                    Map.of(),
                    Map.of(),
                    SourceKind.KAFKA,
                    SchemaSettings.defaults(),
                    DecodingSettings.json()))
        .hasMessage("the dead-letter table raw.orders must not also be a route target");
  }

  private static PipelineSettings settings(
      List<String> partitionBy,
      Optional<String> eventTime,
      Map<TableIdentifier, TableLayoutOverride> overrides) {
    return new PipelineSettings(
        "p",
        RouteSettings.perTopic(ORDERS.namespace()),
        TableIdentifier.of("raw", "p__dead_letter"),
        true,
        partitionBy,
        eventTime,
        Duration.ofSeconds(1),
        1 << 20,
        1 << 20,
        Map.of("format-version", "2"),
        overrides,
        SourceKind.KAFKA,
        SchemaSettings.defaults(),
        DecodingSettings.json());
  }
}
