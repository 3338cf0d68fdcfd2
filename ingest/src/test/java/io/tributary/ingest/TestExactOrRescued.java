package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.SchemaSettings;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per hostile value, decoded as the pipeline decodes it and placed in a row with a double
 * column {@code d} and a string column {@code s}: every value lands exactly (in its column or in
 * {@code _rescued_data} as the producer wrote it) or the whole record is a dead letter, whose raw
 * bytes keep it. Nothing is silently changed.
 */
class TestExactOrRescued {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "_rescued_data", Types.StringType.get()),
          Types.NestedField.optional(2, "d", Types.DoubleType.get()),
          Types.NestedField.optional(3, "s", Types.StringType.get()));

  static Stream<Arguments> placed() {
    return Stream.of(
        placed("over-range number in double", "{\"d\": 1e400}", "d", null, "{\"d\":1e400}"),
        placed("under-range number in double", "{\"d\": 1e-400}", "d", null, "{\"d\":1e-400}"),
        placed(
            "60-digit integer in double",
            "{\"d\": 123456789012345678901234567890123456789012345678901234567890}",
            "d",
            null,
            "{\"d\":123456789012345678901234567890123456789012345678901234567890}"),
        placed("over-range number as text", "{\"s\": 1e400}", "s", "1e400", null),
        placed("exponent spelling kept", "{\"s\": 1.0E10}", "s", "1.0E10", null),
        placed(
            "small fraction not turned to E-notation",
            "{\"s\": 0.0000001}",
            "s",
            "0.0000001",
            null),
        placed("trailing zeros kept", "{\"s\": 12.50}", "s", "12.50", null),
        placed("negative zero kept", "{\"s\": -0.0}", "s", "-0.0", null),
        placed("NaN as a string stays text", "{\"s\": \"NaN\"}", "s", "NaN", null),
        placed("NaN string in double is rescued", "{\"d\": \"NaN\"}", "d", null, "{\"d\":\"NaN\"}"),
        placed(
            "Infinity string in double is rescued",
            "{\"d\": \"-Infinity\"}",
            "d",
            null,
            "{\"d\":\"-Infinity\"}"),
        placed(
            "an escaped surrogate pair is a valid code point",
            "{\"s\": \"\\ud83d\\ude00\"}",
            "s",
            "\ud83d\ude00",
            null),
        placed(
            "an escaped backslash before u is no surrogate",
            "{\"s\": \"\\\\ud800\"}",
            "s",
            "\\ud800",
            null),
        placed("an ordinary double", "{\"d\": 1500.0}", "d", "1500.0", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placed")
  void placesExactlyOrRescuesAsWritten(
      String rule, String json, String column, String expected, String expectedRescue)
      throws Exception {
    Record row = convert(json.getBytes(StandardCharsets.UTF_8));

    assertThat(text(row, column)).as(rule).isEqualTo(expected);
    assertThat(text(row, "_rescued_data")).as(rule).isEqualTo(expectedRescue);
  }

  static Stream<Arguments> deadLetters() {
    return Stream.of(
        dead("lone high surrogate in a value", utf8("{\"s\": \"a\\ud800b\"}"), "$.s"),
        dead("lone low surrogate in a value", utf8("{\"s\": \"\\udc00\"}"), "$.s"),
        dead("reversed pair", utf8("{\"s\": \"\\ude00\\ud83d\"}"), "$.s"),
        dead("lone surrogate in a key", utf8("{\"k\\ud800\": 1}"), "$.k"),
        dead(
            "lone surrogate in a nested array",
            utf8("{\"a\": [{\"b\": [\"\\uD800\"]}]}"),
            "$.a[0].b[0]"),
        dead("invalid UTF-8 in a value", bytes("7b2273223a2022ff227d"), "UTF-8"),
        dead("invalid UTF-8 in a key", bytes("7b22c328223a20317d"), "UTF-8"),
        dead("surrogate as three UTF-8 bytes", bytes("7b2273223a2022eda080227d"), ""),
        dead("bare NaN is not JSON", utf8("{\"d\": NaN}"), "not valid JSON"),
        dead("bare Infinity is not JSON", utf8("{\"d\": Infinity}"), "not valid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deadLetters")
  void deadLettersWhatUtf8CannotCarry(String rule, byte[] raw, String message) {
    assertThatThrownBy(() -> decode(raw))
        .as(rule)
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining(message);
  }

  private static Record convert(byte[] raw) throws DecodeException {
    return new RowConverter(SCHEMA, SchemaSettings.defaults(), path -> {})
        .convert(decode(raw), source(raw));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode decode(byte[] raw)
      throws DecodeException {
    return new JsonDecoder(1 << 20).decode(source(raw));
  }

  private static SourceRecord source(byte[] raw) {
    return new SourceRecord(SourcePartition.kafka("t", 0), 0, 0, null, raw, Map.of());
  }

  private static String text(Record row, String field) {
    Object value = row.getField(field);
    return value == null ? null : value.toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static Arguments placed(
      String rule, String json, String column, String expected, String expectedRescue) {
    return Arguments.of(rule, json, column, expected, expectedRescue);
  }

  private static Arguments dead(String rule, byte[] raw, String message) {
    return Arguments.of(rule, raw, message);
  }
}
