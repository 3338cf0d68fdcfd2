package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per evolution rule: an existing column {@code f}, a batch holding one value for it, and
 * the changes planned, as {@code kind path [types]}.
 */
class TestEvolutionRules {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("same type: nothing", Types.LongType.get(), "1", SchemaSettings.TypeConflict.RESCUE),
        rule(
            "int widens to long",
            Types.IntegerType.get(),
            "10000000000",
            SchemaSettings.TypeConflict.RESCUE,
            "PROMOTED f int long"),
        rule(
            "float widens to double",
            Types.FloatType.get(),
            "2.5",
            SchemaSettings.TypeConflict.RESCUE,
            "PROMOTED f float double"),
        rule(
            "decimal precision widens",
            Types.DecimalType.of(10, 1),
            "12345678901234567890.5",
            SchemaSettings.TypeConflict.RESCUE,
            "PROMOTED f decimal(10, 1) decimal(38, 1)"),
        rule(
            "decimal scale never changes",
            Types.DecimalType.of(10, 2),
            "0.5",
            SchemaSettings.TypeConflict.RESCUE),
        rule(
            "2.5 into a long column is rescued, not a change",
            Types.LongType.get(),
            "2.5",
            SchemaSettings.TypeConflict.RESCUE),
        rule(
            "2.5 into a long column gets a double sibling under the sibling policy",
            Types.LongType.get(),
            "2.5",
            SchemaSettings.TypeConflict.SIBLING,
            "ADDED f__double double"),
        rule(
            "a string into a long column gets a string sibling",
            Types.LongType.get(),
            "\"abc\"",
            SchemaSettings.TypeConflict.SIBLING,
            "ADDED f__string string"),
        rule(
            "a number into a string column fits as JSON text",
            Types.StringType.get(),
            "12",
            SchemaSettings.TypeConflict.SIBLING),
        rule(
            "a struct where a string was gets a struct sibling",
            Types.StringType.get(),
            "{\"a\": 1}",
            SchemaSettings.TypeConflict.SIBLING,
            "ADDED f__struct struct<2: a: optional long (a)>"),
        rule(
            "a long into a double column fits",
            Types.DoubleType.get(),
            "3",
            SchemaSettings.TypeConflict.SIBLING),
        rule(
            "an ISO string into a timestamptz column fits",
            Types.TimestampType.withZone(),
            "\"2026-01-01T00:00:00Z\"",
            SchemaSettings.TypeConflict.SIBLING),
        rule(
            "a nested field is added inside the struct",
            Types.StructType.of(Types.NestedField.optional(2, "a", Types.LongType.get())),
            "{\"a\": 1, \"b\": \"x\"}",
            SchemaSettings.TypeConflict.RESCUE,
            "ADDED f.b string"),
        rule(
            "an object into a map column adds nothing",
            Types.MapType.ofOptional(2, 3, Types.StringType.get(), Types.LongType.get()),
            "{\"a\": 1}",
            SchemaSettings.TypeConflict.RESCUE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void plans(
      String rule,
      Type existing,
      String value,
      SchemaSettings.TypeConflict policy,
      String[] expected)
      throws Exception {
    Types.StructType table = Types.StructType.of(Types.NestedField.optional(1, "f", existing));

    SchemaChanges changes =
        new SchemaPlanner(settings(policy, 1000, 1000)).changes(table, observed(value));

    assertThat(describe(changes)).as(rule).containsExactly(expected);
  }

  @org.junit.jupiter.api.Test
  void requiredColumnsThatRecordsLackBecomeOptional() throws Exception {
    Types.StructType table =
        Types.StructType.of(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.required(2, "name", Types.StringType.get()));
    ObservedStruct observed = new ObservedStruct();
    observed.observe(JSON.readTree("{\"id\": 1, \"name\": \"a\"}"));
    observed.observe(JSON.readTree("{\"id\": 2}"));

    SchemaChanges changes =
        new SchemaPlanner(SchemaSettings.defaults())
            .changes(table, observed.toStructType().orElseThrow().asStructType());

    assertThat(describe(changes)).containsExactly("MADE_OPTIONAL name");
  }

  @org.junit.jupiter.api.Test
  void additionsOverTheColumnCapAreLeftOutForRescue() throws Exception {
    Types.StructType table =
        Types.StructType.of(Types.NestedField.optional(1, "a", Types.LongType.get()));

    SchemaChanges changes =
        new SchemaPlanner(settings(SchemaSettings.TypeConflict.RESCUE, 3, 1000))
            .changes(table, observed("1", "{\"b\": 1, \"c\": 2, \"d\": 3}"));

    assertThat(describe(changes)).containsExactly("ADDED f long", "ADDED b long");
    assertThat(changes.capped()).containsExactly("c (over 3 columns)", "d (over 3 columns)");
  }

  @org.junit.jupiter.api.Test
  void additionsOverTheTypeStringCapAreLeftOutForRescue() throws Exception {
    Types.StructType table = Types.StructType.of();

    SchemaChanges changes =
        new SchemaPlanner(settings(SchemaSettings.TypeConflict.RESCUE, 1000, 20))
            .changes(table, observed("{\"short\": 1}", "{\"x\": {\"long_field_name\": 1}}"));

    assertThat(describe(changes))
        .containsExactly("ADDED f struct<2: short: optional long (short)>");
    assertThat(changes.capped()).containsExactly("x (type string over 20 bytes)");
  }

  private static SchemaSettings settings(
      SchemaSettings.TypeConflict policy, int maxColumns, int maxTypeStringBytes) {
    return new SchemaSettings(
        policy,
        Map.of(),
        50,
        SchemaSettings.TimestampDetection.HINTS_ONLY,
        16,
        maxColumns,
        maxTypeStringBytes,
        Set.of(),
        1024);
  }

  private static Types.StructType observed(String value) throws Exception {
    return ObservedStruct.of(JSON.readTree("{\"f\": " + value + "}"))
        .toStructType()
        .orElseThrow()
        .asStructType();
  }

  private static Types.StructType observed(String value, String extra) throws Exception {
    ObservedStruct observed = ObservedStruct.of(JSON.readTree("{\"f\": " + value + "}"));
    observed.observe(JSON.readTree(extra));
    return observed.toStructType().orElseThrow().asStructType();
  }

  /** Fresh ids, so that planned types print like table types. */
  private static List<String> describe(SchemaChanges changes) {
    java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
    return changes.describe().stream()
        .map(
            change -> {
              String type =
                  change.kind() == SchemaChange.Kind.ADDED
                      ? changes.additions().stream()
                          .filter(a -> a.path().equals(change.path()))
                          .findFirst()
                          .map(
                              a ->
                                  org.apache.iceberg.types.TypeUtil.assignFreshIds(
                                          Types.StructType.of(
                                              Types.NestedField.optional(0, "x", a.type())),
                                          ids::incrementAndGet)
                                      .asStructType()
                                      .field("x")
                                      .type()
                                      .toString())
                          .orElseThrow()
                      : null;
              ids.set(0);
              StringBuilder text = new StringBuilder(change.kind() + " " + change.path());
              if (change.typeBefore() != null) {
                text.append(' ').append(change.typeBefore());
              }
              if (type != null) {
                text.append(' ').append(type);
              } else if (change.typeAfter() != null) {
                text.append(' ').append(change.typeAfter());
              }
              return text.toString();
            })
        .toList();
  }

  private static Arguments rule(
      String rule,
      Type existing,
      String value,
      SchemaSettings.TypeConflict policy,
      String... expected) {
    return Arguments.of(rule, existing, value, policy, expected);
  }
}
