package io.tributary.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.ColumnNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.catalog.TableIdentifier;

/** Decides the table of each decoded record, as {@link RouteSettings} say. */
final class Router {
  private final RouteSettings settings;
  private final String[] fieldPath;
  private final Map<String, TableIdentifier> topicTables = new ConcurrentHashMap<>();

  Router(RouteSettings settings) {
    this.settings = settings;
    this.fieldPath = settings.field().map(field -> field.split("\\.")).orElse(new String[0]);
  }

  Route route(SourceRecord record, ObjectNode value) {
    if (settings.table().isPresent()) {
      return new Route.ToTable(settings.table().get());
    }
    if (settings.field().isEmpty()) {
      return new Route.ToTable(
          topicTables.computeIfAbsent(
              record.partition().stream(),
              topic -> TableIdentifier.of(settings.namespace(), ColumnNames.normalize(topic))));
    }
    JsonNode node = value;
    for (String name : fieldPath) {
      node = node.path(name);
    }
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return new Route.ToDeadLetter(
          "record "
              + record.coordinates()
              + " has no scalar value in route field '"
              + settings.field().get()
              + "'");
    }
    String routeValue = node.asText();
    for (RouteRule rule : settings.rules()) {
      if (rule.matches(routeValue)) {
        return new Route.ToTable(rule.table());
      }
    }
    return settings
        .defaultTable()
        .<Route>map(Route.ToTable::new)
        .orElseGet(
            () ->
                new Route.ToDeadLetter(
                    "record "
                        + record.coordinates()
                        + " matches no route for "
                        + settings.field().get()
                        + "='"
                        + routeValue
                        + "'"));
  }
}
