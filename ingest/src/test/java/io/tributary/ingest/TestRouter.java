package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourcePartition;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestRouter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Namespace RAW = Namespace.of("raw");
  private static final SourcePartition ORDERS = SourcePartition.kafka("orders", 3);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\": \"order\"}                 | raw.orders",
        "{\"type\": \"payment\"}               | raw.payments",
        "{\"type\": \"pay-out\"}               | raw.payments",
        "{\"type\": 7}                         | raw.other",
        "{\"type\": \"refund\"}                | raw.other",
      })
  void rulesPickTheTableInOrder(String json, String table) throws Exception {
    Router router = new Router(byType(Optional.of(TableIdentifier.parse("raw.other"))));

    assertThat(router.route(record(ORDERS, 0, json), object(json)))
        .isEqualTo(new Route.ToTable(TableIdentifier.parse(table)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\": \"refund\"}      | record orders:3@9 matches no route for type='refund'",
        "{\"id\": 1}                 | record orders:3@9 has no scalar value in route field 'type'",
        "{\"type\": null}            | record orders:3@9 has no scalar value in route field 'type'",
        "{\"type\": {\"a\": 1}}      | record orders:3@9 has no scalar value in route field 'type'",
      })
  void unroutableRecordsAreDeadLetteredWithTheirCoordinates(String json, String reason)
      throws Exception {
    Router router = new Router(byType(Optional.empty()));

    assertThat(router.route(record(ORDERS, 9, json), object(json)))
        .isEqualTo(new Route.ToDeadLetter(reason));
  }

  @Test
  void nestedRouteFields() throws Exception {
    RouteSettings settings =
        new RouteSettings(
            RAW,
            Optional.empty(),
            Optional.of("meta.kind"),
            List.of(
                new RouteRule(Optional.of("a"), Optional.empty(), TableIdentifier.of(RAW, "a"))),
            Optional.empty());
    String json = "{\"meta\": {\"kind\": \"a\"}}";

    assertThat(new Router(settings).route(record(ORDERS, 0, json), object(json)))
        .isEqualTo(new Route.ToTable(TableIdentifier.of(RAW, "a")));
  }

  @Test
  void eachTopicGetsATableNamedAfterIt() throws Exception {
    Router router = new Router(RouteSettings.perTopic(RAW));
    SourcePartition clicks = SourcePartition.kafka("Web.Clicks-v2", 0);

    assertThat(router.route(record(clicks, 0, "{}"), object("{}")))
        .isEqualTo(new Route.ToTable(TableIdentifier.of(RAW, "web_clicks_v2")));
  }

  @Test
  void settingsRejectAmbiguousRoutes() {
    assertThatThrownBy(
            () ->
                new RouteSettings(
                    RAW,
                    Optional.of(TableIdentifier.of(RAW, "t")),
                    Optional.of("type"),
                    List.of(),
                    Optional.empty()))
        .hasMessage("route by a fixed table or by a field, not both");
    assertThatThrownBy(
            () ->
                new RouteRule(
                    Optional.of("a"),
                    Optional.of(Pattern.compile("a")),
                    TableIdentifier.of(RAW, "t")))
        .hasMessage("route rule for raw.t needs exactly one of 'equals' and 'matches'");
  }

  private static RouteSettings byType(Optional<TableIdentifier> defaultTable) {
    return new RouteSettings(
        RAW,
        Optional.empty(),
        Optional.of("type"),
        List.of(
            new RouteRule(
                Optional.of("order"), Optional.empty(), TableIdentifier.of(RAW, "orders")),
            new RouteRule(
                Optional.empty(),
                Optional.of(Pattern.compile("pay.*")),
                TableIdentifier.of(RAW, "payments"))),
        defaultTable);
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
