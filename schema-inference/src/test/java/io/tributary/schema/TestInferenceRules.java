package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per inference rule: the values of field {@code f} over a batch, and the type inferred.
 */
class TestInferenceRules {
  // As the decoder reads JSON: fractions as BigDecimal, so nothing is rounded before inference.
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("whole numbers are long", "long", "1", "-7"),
        rule("fractions are double", "double", "2.5", "0.1"),
        rule("long and exact double merge to double", "double", "1", "2.5"),
        rule(
            "a long not exact in a double makes decimal",
            "decimal(38, 1)",
            "9007199254740993",
            "0.5"),
        rule(
            "a fraction not exact in a double is decimal",
            "decimal(38, 19)",
            "0.12345678901234567890"),
        rule("an integer beyond long but exact in a double", "double", "100000000000000000000"),
        rule(
            "an integer beyond long and double is decimal",
            "decimal(38, 0)",
            "123456789012345678901234567"),
        rule(
            "beyond decimal(38) is string", "string", "1234567890123456789012345678901234567890.5"),
        rule("booleans", "boolean", "true", "false"),
        rule("strings", "string", "\"a\""),
        rule("number and string merge to string", "string", "12", "\"A12\""),
        rule("boolean and number merge to string", "string", "true", "1"),
        rule("objects are structs", "struct<0: a: required long (a)>", "{\"a\": 1}"),
        rule(
            "a field missing in some object is optional",
            "struct<0: a: optional long (a), 0: b: optional long (b)>",
            "{\"a\": 1}",
            "{\"b\": 2}"),
        rule("arrays of one type are lists", "list<long>", "[1, 2]"),
        rule("mixed arrays are lists of JSON text", "list<string>", "[1, \"a\", {\"b\": 1}]"),
        rule("null alone makes no column", null, "null"),
        rule("empty array alone makes no column", null, "[]"),
        rule("empty object alone makes no column", null, "{}"),
        rule("nulls and empties wait for a typed value", "long", "null", "[]", "7"),
        rule("an object and a scalar merge to string", "string", "{\"a\": 1}", "3"),
        rule("id-like keys make a map", "map<string, long>", "{\"1001\": 5, \"1002\": 6}"),
        rule(
            "uuid keys make a map",
            "map<string, string>",
            "{\"0b0e6b1c-7d46-4a47-9a43-4cfbf1e1c0a1\": \"x\"}"),
        rule(
            "more keys than the threshold make a map",
            "map<string, long>",
            "{\"a\": 1, \"b\": 2, \"c\": 3}",
            "{\"d\": 4}"),
        rule("ISO strings stay strings without detection", "string", "\"2026-01-01T00:00:00Z\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void infers(String rule, String expected, String[] values) throws Exception {
    SchemaSettings settings =
        new SchemaSettings(
            SchemaSettings.TypeConflict.RESCUE,
            Map.of(),
            3,
            SchemaSettings.TimestampDetection.HINTS_ONLY,
            16,
            1000,
            SchemaSettings.GLUE_TYPE_STRING_LIMIT,
            Set.of(),
            1024);
    assertThat(infer(settings, values)).as(rule).isEqualTo(expected);
  }

  static Stream<Arguments> hintedRules() {
    return Stream.of(
        hinted("timestamptz", "timestamptz", "\"2026-01-01T00:00:00+02:00\""),
        hinted("timestamptz:epoch-millis", "timestamptz", "1767225600000"),
        hinted("decimal(10, 2)", "decimal(10, 2)", "2.5"),
        hinted("string", "string", "12"),
        hinted("map", "map<string, string>", "{\"name\": \"x\"}"),
        hinted("struct", "struct<0: k1: required long (k1)>", "{\"k1\": 1}"));
  }

  @ParameterizedTest(name = "hint {0}")
  @MethodSource("hintedRules")
  void hintsOverrideInference(String hint, String expected, String value) throws Exception {
    SchemaSettings settings =
        SchemaSettings.defaults().withHints(Map.of("f", FieldHint.parse(hint)));
    assertThat(infer(settings, value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "detects {0}")
  @MethodSource("detectedTimestamps")
  void detectsTimestampsWhenThePolicySaysSo(String value, String expected) throws Exception {
    SchemaSettings defaults = SchemaSettings.defaults();
    SchemaSettings settings =
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
    assertThat(infer(settings, value)).isEqualTo(expected);
  }

  static Stream<Arguments> detectedTimestamps() {
    return Stream.of(
        Arguments.of("\"2026-01-01T00:00:00Z\"", "timestamptz"),
        Arguments.of("\"2026-01-01T00:00:00.123456+01:00\"", "timestamptz"),
        // Nanoseconds would be truncated in a timestamptz column.
        Arguments.of("\"2026-01-01T00:00:00.123456789Z\"", "string"),
        // No offset: the instant is unknown.
        Arguments.of("\"2026-01-01T00:00:00\"", "string"),
        Arguments.of("\"2026-01-01\"", "string"));
  }

  @org.junit.jupiter.api.Test
  void nestingBelowTheDepthCapGetsNoColumn() throws Exception {
    SchemaSettings defaults = SchemaSettings.defaults();
    SchemaSettings settings =
        new SchemaSettings(
            defaults.typeConflict(),
            Map.of(),
            defaults.mapKeyThreshold(),
            defaults.timestampDetection(),
            2,
            defaults.maxColumns(),
            defaults.maxTypeStringBytes(),
            Set.of(),
            defaults.sampleBytes());
    assertThat(infer(settings, "{\"a\": {\"b\": 1}, \"c\": 2}"))
        .isEqualTo("struct<0: c: required long (c)>");
  }

  @org.junit.jupiter.api.Test
  void laterSourceNamesThatCollideAreLeftOut() throws Exception {
    ObservedStruct observed = new ObservedStruct();
    observed.observe(JSON.readTree("{\"Amount\": 1, \"amount\": \"x\", \"a.b\": true}"));
    Types.StructType type = observed.toStructType().orElseThrow().asStructType();

    assertThat(type.fields())
        .extracting(Types.NestedField::name, Types.NestedField::doc, f -> f.type().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("amount", "Amount", "long"),
            org.assertj.core.groups.Tuple.tuple("a_b", "a.b", "boolean"));
  }

  private static String infer(SchemaSettings settings, String... values) throws Exception {
    ObservedStruct observed = new ObservedStruct(settings);
    for (String value : values) {
      JsonNode record = JSON.readTree("{\"f\": " + value + "}");
      observed.observe(record);
    }
    return observed
        .toStructType()
        .map(type -> type.asStructType().field("f").type().toString())
        .orElse(null);
  }

  private static Arguments rule(String rule, String expected, String... values) {
    return Arguments.of(rule, expected, values);
  }

  private static Arguments hinted(String hint, String expected, String value) {
    return Arguments.of(hint, expected, value);
  }
}
