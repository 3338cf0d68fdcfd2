package io.tributary.ingest.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each step on records it changes, leaves alone, and cannot handle. */
class TestTransformSteps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "0123456789abcdef-test-key";
  private static final MaskMethod HASH = MaskMethod.Hash.withSecret(SECRET);
  private static final TableIdentifier TABLE = TableIdentifier.parse("raw.events");

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(
            "redact nested, in lists and map values",
            mask(new MaskMethod.Redact("X"), "user.email", "contacts.email", "attrs.value.phone"),
            "{\"user\":{\"email\":\"a@b.c\",\"id\":1},\"contacts\":[{\"email\":\"d@e.f\"},{}],"
                + "\"attrs\":{\"home\":{\"phone\":\"123\"},\"work\":{\"phone\":\"456\"}}}",
            "{\"user\":{\"email\":\"X\",\"id\":1},\"contacts\":[{\"email\":\"X\"},{}],"
                + "\"attrs\":{\"home\":{\"phone\":\"X\"},\"work\":{\"phone\":\"X\"}}}"),
        Arguments.of(
            "paths match normalized names",
            mask(new MaskMethod.Redact("X"), "user_email"),
            "{\"User-Email\":\"a@b.c\",\"other\":null}",
            "{\"User-Email\":\"X\",\"other\":null}"),
        Arguments.of(
            "keep-last keeps four, masks short values whole, and nulls stay null",
            mask(new MaskMethod.KeepLast(4), "card", "pin", "none"),
            "{\"card\":\"4111111111111111\",\"pin\":\"123\",\"none\":null}",
            "{\"card\":\"************1111\",\"pin\":\"***\",\"none\":null}"),
        Arguments.of(
            "masking a list of scalars and an object masks every value in it",
            mask(new MaskMethod.Redact("X"), "emails", "address"),
            "{\"emails\":[\"a\",\"b\"],\"address\":{\"street\":\"s\",\"no\":4}}",
            "{\"emails\":[\"X\",\"X\"],\"address\":{\"street\":\"X\",\"no\":\"X\"}}"),
        Arguments.of(
            "drop",
            new DropStep(List.of(FieldPath.parse("debug"), FieldPath.parse("items.internal"))),
            "{\"id\":1,\"debug\":{\"x\":1},\"items\":[{\"internal\":1,\"sku\":\"a\"}]}",
            "{\"id\":1,\"items\":[{\"sku\":\"a\"}]}"),
        Arguments.of(
            "rename inside an object",
            new RenameStep(FieldPath.parse("customer.mail"), "email"),
            "{\"customer\":{\"mail\":\"a@b.c\"}}",
            "{\"customer\":{\"email\":\"a@b.c\"}}"),
        Arguments.of(
            "flatten one level",
            new FlattenStep(Optional.of(FieldPath.parse("device")), 1),
            "{\"id\":1,\"device\":{\"os\":\"linux\",\"screen\":{\"w\":1}}}",
            "{\"id\":1,\"device_os\":\"linux\",\"device_screen\":{\"w\":1}}"),
        Arguments.of(
            "flatten two levels of every top-level object",
            new FlattenStep(Optional.empty(), 2),
            "{\"id\":1,\"device\":{\"os\":\"linux\",\"screen\":{\"w\":1}},\"tags\":[1]}",
            "{\"id\":1,\"tags\":[1],\"device_os\":\"linux\",\"device_screen_w\":1}"),
        Arguments.of(
            "timestamp from a pattern in a zone",
            timestamp("dd/MM/yyyy HH:mm:ss", "Europe/Amsterdam"),
            "{\"ts\":\"01/07/2024 14:30:00\"}",
            "{\"ts\":\"2024-07-01T12:30:00Z\"}"),
        Arguments.of(
            "timestamp from ISO-8601 with an offset",
            timestamp("iso-8601", "UTC"),
            "{\"ts\":\"2024-07-01T14:30:00.123+02:00\"}",
            "{\"ts\":\"2024-07-01T12:30:00.123Z\"}"),
        Arguments.of(
            "timestamp from epoch millis as a number or a string; null stays null",
            new TimestampStep(FieldPath.parse("ts"), TimestampFormat.parse("epoch-millis"), UTC),
            "{\"ts\":1719837000123}",
            "{\"ts\":\"2024-07-01T12:30:00.123Z\"}"),
        Arguments.of(
            "timestamp from fractional epoch seconds",
            new TimestampStep(FieldPath.parse("ts"), TimestampFormat.parse("epoch-seconds"), UTC),
            "{\"ts\":\"1719837000.5\",\"other\":1}",
            "{\"ts\":\"2024-07-01T12:30:00.500Z\",\"other\":1}"),
        Arguments.of(
            "a null timestamp stays null",
            timestamp("iso-8601", "UTC"),
            "{\"ts\":null}",
            "{\"ts\":null}"));
  }

  private static final ZoneId UTC = ZoneOffset.UTC;

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void stepsChangeRecords(String name, TransformStep step, String input, String expected)
      throws Exception {
    ObjectNode record = object(input);

    assertThat(step.apply(record)).isTrue();
    assertThat(record).isEqualTo(object(expected));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            timestamp("yyyy-MM-dd", "UTC"),
            "{\"ts\":\"07/01/2024\"}",
            "record t:0@7: transforms[0] (timestamp): field 'ts' is not a timestamp in format"
                + " 'yyyy-MM-dd', was '07/01/2024'"),
        Arguments.of(
            timestamp("iso-8601", "UTC"),
            "{\"ts\":{\"a\":1}}",
            "record t:0@7: transforms[0] (timestamp): field 'ts' is a object, expected a"
                + " timestamp as iso-8601"),
        Arguments.of(
            new TimestampStep(FieldPath.parse("ts"), TimestampFormat.parse("epoch-millis"), UTC),
            "{\"ts\":\"soon\"}",
            "record t:0@7: transforms[0] (timestamp): field 'ts' is not a timestamp in format"
                + " 'epoch-millis', was 'soon'"),
        Arguments.of(
            new RenameStep(FieldPath.parse("mail"), "email"),
            "{\"mail\":\"a\",\"Email\":\"b\"}",
            "record t:0@7: transforms[0] (rename): cannot rename field 'mail' to 'email': the"
                + " record already has it"),
        Arguments.of(
            new FlattenStep(Optional.of(FieldPath.parse("device")), 1),
            "{\"device\":{\"os\":\"a\"},\"device_os\":\"b\"}",
            "record t:0@7: transforms[0] (flatten): cannot flatten field 'device': the record"
                + " already has a field 'device_os'"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void badValuesFailNamingRecordStepAndField(TransformStep step, String input, String message)
      throws Exception {
    TransformStage stage = new TransformStage(new Transforms(List.of(step), Map.of(), false));

    TransformResult result = stage.apply(TABLE, object(input), "t:0@7");

    assertThat(result).isInstanceOf(TransformResult.Failed.class);
    assertThat(((TransformResult.Failed) result).message()).isEqualTo(message);
  }

  @Test
  void hashingIsKeyedStableAndHidesItsKey() throws Exception {
    ObjectNode first = object("{\"email\":\"alice@example.com\",\"n\":42}");
    ObjectNode second = object("{\"email\":\"alice@example.com\",\"n\":42}");
    ObjectNode otherKey = object("{\"email\":\"alice@example.com\",\"n\":42}");
    mask(HASH, "email", "n").apply(first);
    mask(HASH, "email", "n").apply(second);
    mask(MaskMethod.Hash.withSecret("another-secret-of-16+"), "email").apply(otherKey);

    assertThat(first).isEqualTo(second);
    assertThat(first.get("email").asText()).hasSize(64).doesNotContain("alice");
    assertThat(first.get("n").asText()).hasSize(64);
    assertThat(otherKey.get("email")).isNotEqualTo(first.get("email"));
    assertThat(HASH.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> MaskMethod.Hash.withSecret("short"))
        .hasMessage("the HMAC secret must have at least 16 bytes");
  }

  @Test
  void aFailureOfAMaskingPipelineWithholdsTheValueAndKeepsOnlyAMaskedParse() throws Exception {
    TransformStep mask = mask(new MaskMethod.Redact("X"), "email");
    TransformStep ts = timestamp("yyyy-MM-dd", "UTC");
    String input = "{\"email\":\"alice@example.com\",\"ts\":\"alice@example.com\"}";

    TransformResult before =
        new TransformStage(new Transforms(List.of(ts, mask), Map.of(), false))
            .apply(TABLE, object(input), "t:0@7");
    TransformResult after =
        new TransformStage(new Transforms(List.of(mask, ts), Map.of(), false))
            .apply(TABLE, object(input), "t:0@7");

    TransformResult.Failed failedBefore = (TransformResult.Failed) before;
    TransformResult.Failed failedAfter = (TransformResult.Failed) after;
    assertThat(failedBefore.message()).doesNotContain("alice").endsWith("'yyyy-MM-dd'");
    assertThat(failedBefore.maskedParse()).isEmpty();
    assertThat(failedAfter.maskedParse().orElseThrow().get("email").asText()).isEqualTo("X");
  }

  @Test
  void tableStepsRunAfterThePipelinesAndHintTheirTimestamps() throws Exception {
    Transforms transforms =
        new Transforms(
            List.of(new RenameStep(FieldPath.parse("when"), "at")),
            Map.of(TABLE, List.of(timestamp("iso-8601", "UTC"), rename("ts", "event_time"))),
            false);
    TransformStage stage = new TransformStage(transforms);

    TransformResult result =
        stage.apply(TABLE, object("{\"when\":1,\"ts\":\"2024-07-01T12:30:00Z\"}"), "t:0@1");
    TransformResult other =
        stage.apply(TableIdentifier.parse("raw.other"), object("{\"when\":1}"), "t:0@2");

    assertThat(((TransformResult.Kept) result).record())
        .isEqualTo(object("{\"at\":1,\"event_time\":\"2024-07-01T12:30:00Z\"}"));
    assertThat(((TransformResult.Kept) other).record()).isEqualTo(object("{\"at\":1}"));
    assertThat(stage.hints(TABLE)).containsOnlyKeys("event_time");
    assertThat(stage.hints(TableIdentifier.parse("raw.other"))).isEmpty();
    assertThat(transforms.keepRawDeadLetters()).isTrue();
  }

  @Test
  void theVersionIsAFingerprintOfATablesStepsWithoutTheSecret() {
    TransformStep hash = mask(HASH, "email");
    TransformStage stage =
        new TransformStage(
            new Transforms(
                List.of(hash), Map.of(TABLE, List.of(timestamp("iso-8601", "UTC"))), false));
    TransformStage same =
        new TransformStage(
            new Transforms(
                List.of(mask(MaskMethod.Hash.withSecret(SECRET), "email")),
                Map.of(TABLE, List.of(timestamp("iso-8601", "UTC"))),
                false));
    TableIdentifier other = TableIdentifier.parse("raw.other");

    assertThat(stage.version(TABLE)).matches("[0-9a-f]{12}").isEqualTo(same.version(TABLE));
    assertThat(stage.version(other)).matches("[0-9a-f]{12}").isNotEqualTo(stage.version(TABLE));
    assertThat(new TransformStage(Transforms.none()).version(TABLE)).isEqualTo("none");
  }

  @Test
  void anUnroutedRecordKeepsThePipelinesMaskedParseOnlyWhenNoTableMasks() throws Exception {
    TransformStep mask = mask(new MaskMethod.Redact("X"), "email");
    TransformStep filter = new DropStep(List.of(FieldPath.parse("debug")));
    String input = "{\"email\":\"alice@example.com\",\"debug\":1}";

    TransformStage pipelineMasks =
        new TransformStage(new Transforms(List.of(mask, filter), Map.of(), false));
    TransformStage tableMasks =
        new TransformStage(new Transforms(List.of(filter), Map.of(TABLE, List.of(mask)), false));
    ObjectNode maskedByThePipeline =
        ((TransformResult.Kept) pipelineMasks.applyPipeline(object(input), "t:0@1")).record();
    ObjectNode beforeTheTablesMask =
        ((TransformResult.Kept) tableMasks.applyPipeline(object(input), "t:0@1")).record();

    assertThat(pipelineMasks.unroutedParse(maskedByThePipeline))
        .contains(object("{\"email\":\"X\"}"));
    assertThat(tableMasks.unroutedParse(beforeTheTablesMask)).isEmpty();
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> FieldPath.parse("a..b"), "field path 'a..b' has an empty name"),
        Arguments.of((Runnable) () -> FieldPath.parse(" "), "a field path must not be blank"),
        Arguments.of((Runnable) () -> new MaskMethod.KeepLast(0), "keep must be at least 1, was 0"),
        Arguments.of(
            (Runnable) () -> new FlattenStep(Optional.empty(), 0),
            "depth must be at least 1, was 0"),
        Arguments.of(
            (Runnable) () -> new RenameStep(FieldPath.parse("a"), "b.c"),
            "'to' is the new name within the same object, without dots: 'b.c'"),
        Arguments.of(
            (Runnable) () -> TimestampFormat.parse("yyyy-MM-dd bb"),
            "is neither iso-8601, epoch-seconds, epoch-millis, epoch-micros nor a date-time"
                + " pattern"),
        Arguments.of((Runnable) () -> new DropStep(List.of()), "drop needs at least one field"));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void badSettingsAreRefused(Runnable construction, String message) {
    assertThatThrownBy(construction::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  private static MaskStep mask(MaskMethod method, String... fields) {
    return new MaskStep(Stream.of(fields).map(FieldPath::parse).toList(), method);
  }

  private static TimestampStep timestamp(String format, String zone) {
    return new TimestampStep(FieldPath.parse("ts"), TimestampFormat.parse(format), ZoneId.of(zone));
  }

  private static RenameStep rename(String from, String to) {
    return new RenameStep(FieldPath.parse(from), to);
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
