package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per column-budget rule: a batch of some records whose new top-level fields appeared in
 * some of them, the budget (max new columns per commit, min records), and how many fields get a
 * column and how many are capped (rescued).
 */
class TestColumnBudget {
  private static final Types.StructType EMPTY_TABLE = Types.StructType.of();

  static Stream<Arguments> rules() {
    return Stream.of(
        rule(
            "one record with 3000 keys in a busy batch adds no column of its own",
            1000,
            fields(group("a", 1, 1000), group("b", 1, 500), group("k", 3000, 1)),
            200,
            2,
            2,
            3000),
        rule(
            "in a small batch the budget holds, fields in more records first",
            10,
            fields(group("k", 500, 1), group("a", 1, 10)),
            200,
            2,
            200,
            301),
        rule(
            "many common fields are added over several commits",
            1000,
            fields(group("f", 300, 1000)),
            200,
            2,
            200,
            100),
        rule(
            "a field in two records of a busy batch is a column",
            1000,
            fields(group("rare", 1, 2)),
            200,
            2,
            1,
            0),
        rule("min records is configurable", 1000, fields(group("rare", 1, 2)), 200, 3, 0, 1),
        rule(
            "without presence only the budget applies",
            0,
            fields(group("k", 250, 1)),
            200,
            2,
            200,
            50));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void spendsTheBudgetOnEvidence(
      String rule,
      long records,
      Map<String, Long> counts,
      int maxNewColumns,
      int minRecords,
      int added,
      int capped) {
    List<Types.NestedField> observed = new ArrayList<>();
    counts.forEach(
        (name, count) -> observed.add(Types.NestedField.optional(0, name, Types.LongType.get())));
    SchemaPlanner planner =
        new SchemaPlanner(SchemaSettings.defaults().withColumnBudget(maxNewColumns, minRecords));

    SchemaChanges changes =
        planner.changes(
            EMPTY_TABLE,
            Types.StructType.of(observed),
            records == 0 ? FieldPresence.unknown() : new FieldPresence(records, counts));

    assertThat(changes.additions()).as(rule).hasSize(added);
    assertThat(changes.capped()).as(rule).hasSize(capped);
  }

  @Test
  void theFieldsSeenMostGoFirstAndKeepTheirOrder() {
    SchemaPlanner planner = new SchemaPlanner(SchemaSettings.defaults().withColumnBudget(2, 1));
    Types.StructType observed =
        Types.StructType.of(
            Types.NestedField.optional(0, "once", Types.LongType.get()),
            Types.NestedField.optional(0, "often", Types.LongType.get()),
            Types.NestedField.optional(0, "always", Types.LongType.get()));

    SchemaChanges changes =
        planner.changes(
            EMPTY_TABLE,
            observed,
            new FieldPresence(50, Map.of("once", 1L, "often", 30L, "always", 50L)));

    assertThat(changes.additions())
        .extracting(ColumnAddition::name)
        .containsExactly("often", "always");
    assertThat(changes.capped()).containsExactly("once (over max-new-columns-per-commit 2)");
  }

  @Test
  void aStructSpendsOneColumnPerField() {
    SchemaPlanner planner = new SchemaPlanner(SchemaSettings.defaults().withColumnBudget(3, 1));
    Types.StructType observed =
        Types.StructType.of(
            Types.NestedField.optional(
                0,
                "s",
                Types.StructType.of(
                    Types.NestedField.optional(0, "x", Types.LongType.get()),
                    Types.NestedField.optional(0, "y", Types.LongType.get()),
                    Types.NestedField.optional(0, "z", Types.LongType.get()))),
            Types.NestedField.optional(0, "a", Types.LongType.get()));

    SchemaChanges changes = planner.changes(EMPTY_TABLE, observed, FieldPresence.unknown());

    assertThat(changes.additions()).extracting(ColumnAddition::name).containsExactly("a");
  }

  @Test
  void observationCountsTheRecordsEachFieldAppearedIn() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObservedStruct observed = new ObservedStruct();
    observed.observe(json.readTree("{\"a\": 1, \"b\": null}"));
    observed.observe(json.readTree("{\"a\": 2, \"c\": \"x\"}"));
    ObjectNode wide = json.createObjectNode();
    for (int i = 0; i < 5; i++) {
      wide.put("k" + i, i);
    }
    observed.observe(wide);

    FieldPresence presence = observed.presence();

    assertThat(presence.records()).isEqualTo(3);
    assertThat(presence.of("a")).isEqualTo(2);
    assertThat(presence.of("c")).isEqualTo(1);
    assertThat(presence.of("k4")).isEqualTo(1);
  }

  private static Map<String, Long> group(String prefix, int fields, long records) {
    Map<String, Long> group = new java.util.LinkedHashMap<>();
    for (int i = 0; i < fields; i++) {
      group.put(fields == 1 ? prefix : prefix + i, records);
    }
    return group;
  }

  @SafeVarargs
  private static Map<String, Long> fields(Map<String, Long>... groups) {
    Map<String, Long> all = new java.util.LinkedHashMap<>();
    for (Map<String, Long> group : groups) {
      all.putAll(group);
    }
    return all;
  }

  private static Arguments rule(
      String rule,
      long records,
      Map<String, Long> counts,
      int maxNewColumns,
      int minRecords,
      int added,
      int capped) {
    return Arguments.of(rule, records, counts, maxNewColumns, minRecords, added, capped);
  }
}
