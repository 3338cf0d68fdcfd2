package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * How records find their table. With a {@code table}, every record goes there. With a {@code
 * field}, the rules pick the table from that field's value, and records that match no rule go to
 * the {@code defaultTable}, or to the dead-letter table when there is none. With neither, each
 * topic gets its own table in {@code namespace}, named after the topic.
 */
public record RouteSettings(
    Namespace namespace,
    Optional<TableIdentifier> table,
    Optional<String> field,
    List<RouteRule> rules,
    Optional<TableIdentifier> defaultTable) {
  public RouteSettings {
    requireNonNull(namespace, "namespace is null");
    requireNonNull(table, "table is null");
    requireNonNull(field, "field is null");
    rules = List.copyOf(requireNonNull(rules, "rules is null"));
    requireNonNull(defaultTable, "defaultTable is null");
    if (table.isPresent() && field.isPresent()) {
      throw new IllegalArgumentException("route by a fixed table or by a field, not both");
    }
    if (field.isPresent() && rules.isEmpty() && defaultTable.isEmpty()) {
      throw new IllegalArgumentException("routing by field '" + field.get() + "' needs rules");
    }
    if (field.isEmpty() && (!rules.isEmpty() || defaultTable.isPresent())) {
      throw new IllegalArgumentException("route rules and a default table need a route field");
    }
  }

  public static RouteSettings toTable(TableIdentifier table) {
    return new RouteSettings(
        table.namespace(), Optional.of(table), Optional.empty(), List.of(), Optional.empty());
  }

  public static RouteSettings perTopic(Namespace namespace) {
    return new RouteSettings(
        namespace, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
  }

  /**
   * Every namespace a routed table can be in, for finding this pipeline's tables after a restart.
   */
  List<Namespace> namespaces() {
    java.util.LinkedHashSet<Namespace> namespaces = new java.util.LinkedHashSet<>();
    namespaces.add(namespace);
    table.ifPresent(t -> namespaces.add(t.namespace()));
    rules.forEach(rule -> namespaces.add(rule.table().namespace()));
    defaultTable.ifPresent(t -> namespaces.add(t.namespace()));
    return List.copyOf(namespaces);
  }
}
