package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per evidence rule: the values of field {@code f} over a batch (value x count), the
 * type-evidence percent, and the type chosen. Values the type does not hold are rescued by the row
 * converter; these rows check only that one odd value no longer decides the column.
 */
class TestTypingByEvidence {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  static Stream<Arguments> rules() {
    return Stream.of(
        rule(
            "one 1e400 among doubles stays double",
            "double",
            90,
            of("1500.5", 999),
            of("1e400", 1)),
        rule(
            "one 60-digit integer among doubles stays double",
            "double",
            90,
            of("2.25", 999),
            of("123456789012345678901234567890123456789012345678901234567890", 1)),
        rule(
            "one 60-digit integer among longs stays long",
            "long",
            90,
            of("7", 999),
            of("123456789012345678901234567890123456789012345678901234567890", 1)),
        rule(
            "a few numbers among text titles stay string",
            "string",
            90,
            of("\"Casablanca\"", 980),
            of("1776", 20)),
        rule("numbers with a few N/A are long", "long", 90, of("42", 950), of("\"N/A\"", 50)),
        rule(
            "numbers at 80% are not enough at 90", "string", 90, of("42", 800), of("\"N/A\"", 200)),
        rule("numbers at 80% are enough at 80", "long", 80, of("42", 800), of("\"N/A\"", 200)),
        rule("booleans with a stray yes", "boolean", 90, of("true", 990), of("\"yes\"", 10)),
        rule(
            "longs and exact fractions widen to double as before",
            "double",
            90,
            of("1", 10),
            of("2.5", 990)),
        rule(
            "a long not exact in a double with fractions is decimal as before",
            "decimal(38, 1)",
            90,
            of("9007199254740993", 1),
            of("0.5", 999)),
        rule(
            "decimals with one over-range value stay decimal",
            "decimal(38, 2)",
            90,
            of("12345678901234567.89", 999),
            of("1e400", 1)),
        rule(
            "100 percent is the all-or-string rule",
            "string",
            100,
            of("1500.5", 999),
            of("1e400", 1)),
        rule(
            "objects with a few scalars are structs",
            "struct<0: a: required long (a)>",
            90,
            of("{\"a\": 1}", 95),
            of("\"x\"", 5)),
        rule("half objects half scalars are string", "string", 90, of("{\"a\": 1}", 5), of("3", 5)),
        rule(
            "one odd array element keeps arrays list<string>",
            "list<string>",
            90,
            of("[1, 2]", 99),
            of("[1, \"a\"]", 1)),
        rule(
            "numbers and strings at one to one stay string",
            "string",
            90,
            of("1", 1),
            of("\"a\"", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void choosesTheTypeTheEvidenceSupports(
      String rule, String expected, int percent, List<String> values) throws Exception {
    SchemaSettings settings = SchemaSettings.defaults().withTypeEvidencePercent(percent);

    assertThat(fields(settings, values)).as(rule).isEqualTo("f: " + expected);
  }

  @Test
  void timestampsWithAStrayStringStayTimestamps() throws Exception {
    SchemaSettings defaults = SchemaSettings.defaults();
    SchemaSettings detecting =
        new SchemaSettings(
            defaults.typeConflict(),
            Map.of(),
            defaults.mapKeyThreshold(),
            SchemaSettings.TimestampDetection.ISO_WITH_OFFSET,
            defaults.maxDepth(),
            defaults.maxColumns(),
            defaults.maxTypeStringBytes(),
            Set.of(),
            defaults.sampleBytes());

    assertThat(fields(detecting, values(of("\"2026-01-01T00:00:00Z\"", 99), of("\"soon\"", 1))))
        .isEqualTo("f: timestamptz");
  }

  @Test
  void siblingPolicyGivesTheMisfitsAStringSibling() throws Exception {
    SchemaSettings defaults = SchemaSettings.defaults();
    SchemaSettings sibling =
        new SchemaSettings(
            SchemaSettings.TypeConflict.SIBLING,
            Map.of(),
            defaults.mapKeyThreshold(),
            defaults.timestampDetection(),
            defaults.maxDepth(),
            defaults.maxColumns(),
            defaults.maxTypeStringBytes(),
            Set.of(),
            defaults.sampleBytes());

    assertThat(fields(sibling, values(of("1500.5", 999), of("1e400", 1))))
        .isEqualTo("f: double, f__string: string");
    assertThat(fields(sibling, values(of("1500.5", 1000)))).isEqualTo("f: double");
  }

  private static String fields(SchemaSettings settings, List<String> values) throws Exception {
    ObservedStruct observed = new ObservedStruct(settings);
    for (String value : values) {
      observed.observe(JSON.readTree("{\"f\": " + value + "}"));
    }
    return observed.toStructType().orElseThrow().asStructType().fields().stream()
        .map(field -> field.name() + ": " + field.type())
        .collect(Collectors.joining(", "));
  }

  private static List<String> of(String value, int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(value);
    }
    return values;
  }

  @SafeVarargs
  private static List<String> values(List<String>... groups) {
    List<String> all = new ArrayList<>();
    for (List<String> group : groups) {
      all.addAll(group);
    }
    return all;
  }

  @SafeVarargs
  private static Arguments rule(String rule, String expected, int percent, List<String>... groups) {
    return Arguments.of(rule, expected, percent, values(groups));
  }
}
