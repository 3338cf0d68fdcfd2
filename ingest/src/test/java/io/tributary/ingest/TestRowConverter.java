package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.schema.FieldHint;
import io.tributary.schema.SchemaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per placement rule: a column {@code f} of a type, a JSON value for it, and what lands in
 * the column and in {@code _rescued_data}. Nothing is ever rounded or truncated.
 */
class TestRowConverter {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private static final Schema TIMESTAMP_ROW =
      new Schema(
          Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
          Types.NestedField.optional(2, "ts", Types.TimestampType.withZone()));

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("a long into long", Types.LongType.get(), "7", "7", null),
        rule("2.5 into long is rescued", Types.LongType.get(), "2.5", null, "{\"f\":2.5}"),
        rule("abc into long is rescued", Types.LongType.get(), "\"abc\"", null, "{\"f\":\"abc\"}"),
        rule("an exact fraction into double", Types.DoubleType.get(), "0.1", "0.1", null),
        rule("a long into double when exact", Types.DoubleType.get(), "3", "3.0", null),
        rule(
            "a long not exact in a double is rescued",
            Types.DoubleType.get(),
            "9007199254740993",
            null,
            "{\"f\":9007199254740993}"),
        rule(
            "a decimal keeps every digit",
            Types.DecimalType.of(38, 20),
            "0.12345678901234567890",
            "0.12345678901234567890",
            null),
        rule(
            "more digits than the scale are rescued",
            Types.DecimalType.of(38, 2),
            "1.234",
            null,
            "{\"f\":1.234}"),
        rule(
            "a number into string is its JSON text",
            Types.StringType.get(),
            "12.50",
            "12.50",
            null),
        rule("a boolean into string", Types.StringType.get(), "true", "true", null),
        rule(
            "a struct where a string was is rescued",
            Types.StringType.get(),
            "{\"a\": 1}",
            null,
            "{\"f\":{\"a\":1}}"),
        rule(
            "an ISO timestamp with offset",
            Types.TimestampType.withZone(),
            "\"2026-01-01T01:00:00+01:00\"",
            "2026-01-01T01:00+01:00",
            null),
        rule(
            "nanoseconds are rescued, not truncated",
            Types.TimestampType.withZone(),
            "\"2026-01-01T00:00:00.123456789Z\"",
            null,
            "{\"f\":\"2026-01-01T00:00:00.123456789Z\"}"),
        rule(
            "epoch numbers without a declared unit are rescued",
            Types.TimestampType.withZone(),
            "1767225600000",
            null,
            "{\"f\":1767225600000}"),
        rule(
            "mixed arrays hold JSON text",
            Types.ListType.ofOptional(2, Types.StringType.get()),
            "[1, \"a\", {\"b\": 1}]",
            "[1, a, {\"b\":1}]",
            null),
        rule(
            "a map keeps keys as written and rescues values that do not fit",
            Types.MapType.ofOptional(2, 3, Types.StringType.get(), Types.LongType.get()),
            "{\"A-1\": 5, \"b\": 2.5}",
            "{A-1=5}",
            "{\"f.b\":2.5}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void places(String rule, Type type, String value, String expected, String expectedRescue)
      throws Exception {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
            Types.NestedField.optional(10, "f", type));

    Record row = convert(schema, SchemaSettings.defaults(), "{\"f\": " + value + "}");

    assertThat(text(row, "f")).as(rule).isEqualTo(expected);
    assertThat(text(row, "_rescued_data")).as(rule).isEqualTo(expectedRescue);
  }

  @org.junit.jupiter.api.Test
  void epochNumbersConvertWithADeclaredUnit() throws Exception {
    SchemaSettings settings =
        SchemaSettings.defaults()
            .withHints(Map.of("ts", FieldHint.parse("timestamptz:epoch-millis")));

    Record row = convert(TIMESTAMP_ROW, settings, "{\"ts\": 1767225600123}");

    assertThat(row.getField("ts")).hasToString("2026-01-01T00:00:00.123Z");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-01 00:00:10|2024-01-01T00:00:10Z",
        "2024-01-01T00:00:10.5|2024-01-01T00:00:10.500Z",
        "2024-01-01 02:00:10+02:00|2024-01-01T00:00:10Z",
        "2015-01-01T15:00:01Z|2015-01-01T15:00:01Z"
      })
  void declaredTimestampsReadCommonFormsAndNoOffsetAsUtc(String text, String instant)
      throws Exception {
    SchemaSettings hinted =
        SchemaSettings.defaults().withHints(Map.of("ts", FieldHint.parse("timestamptz")));

    Record row = convert(TIMESTAMP_ROW, hinted, "{\"ts\": \"" + text + "\"}");

    assertThat(((java.time.OffsetDateTime) row.getField("ts")).toInstant()).hasToString(instant);
    assertThat(row.getField("_rescued_data")).isNull();
  }

  @org.junit.jupiter.api.Test
  void undeclaredTimestampColumnsRescueTimesWithoutAnOffset() throws Exception {

    Record row =
        convert(TIMESTAMP_ROW, SchemaSettings.defaults(), "{\"ts\": \"2024-01-01 00:00:10\"}");

    assertThat(row.getField("ts")).isNull();
    assertThat(text(row, "_rescued_data")).isEqualTo("{\"ts\":\"2024-01-01 00:00:10\"}");
  }

  @org.junit.jupiter.api.Test
  void siblingPolicyPlacesConflictsInTheTypedSibling() throws Exception {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
            Types.NestedField.optional(2, "amount", Types.LongType.get()),
            Types.NestedField.optional(3, "amount__double", Types.DoubleType.get()),
            Types.NestedField.optional(4, "amount__string", Types.StringType.get()));
    SchemaSettings sibling =
        new SchemaSettings(
            SchemaSettings.TypeConflict.SIBLING,
            Map.of(),
            50,
            SchemaSettings.TimestampDetection.HINTS_ONLY,
            16,
            1000,
            SchemaSettings.GLUE_TYPE_STRING_LIMIT,
            Set.of(),
            1024);

    assertThat(convert(schema, sibling, "{\"amount\": 2.5}").getField("amount__double"))
        .isEqualTo(2.5);
    Record text = convert(schema, sibling, "{\"amount\": \"abc\"}");
    assertThat(text(text, "amount__string")).isEqualTo("abc");
    assertThat(text.getField("_rescued_data")).isNull();
  }

  @org.junit.jupiter.api.Test
  void aLaterSourceNameThatCollidesIsRescuedAndCounted() throws Exception {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
            Types.NestedField.optional(2, "amount", Types.LongType.get(), "Amount"));
    List<String> rescued = new ArrayList<>();
    RowConverter converter = new RowConverter(schema, SchemaSettings.defaults(), rescued::add);

    Record row =
        converter.convert(
            (ObjectNode) JSON.readTree("{\"Amount\": 1, \"amount\": 2}"),
            PipelineHarness.record(SourcePartition.kafka("t", 0), 0, "{}"));

    assertThat(row.getField("amount")).isEqualTo(1L);
    assertThat(text(row, "_rescued_data")).isEqualTo("{\"amount\":2}");
    assertThat(rescued).containsExactly("amount");
  }

  private static Record convert(Schema schema, SchemaSettings settings, String json)
      throws Exception {
    return new RowConverter(schema, settings, path -> {})
        .convert(
            (ObjectNode) JSON.readTree(json),
            PipelineHarness.record(SourcePartition.kafka("t", 0), 0, "{}"));
  }

  private static Arguments rule(
      String rule, Type type, String value, String expected, String expectedRescue) {
    return Arguments.of(rule, type, value, expected, expectedRescue);
  }

  /** A field's value as text: string columns hold UTF-8 character sequences, not Strings. */
  private static String text(Record row, String field) {
    Object value = row.getField(field);
    return value == null ? null : value.toString();
  }
}
