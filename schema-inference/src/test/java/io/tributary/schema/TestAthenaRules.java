package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestAthenaRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Arguments rule(String rule, Types.NestedField column, String... expected) {
    return Arguments.of(rule, column, expected);
  }

  private static Types.NestedField column(String name, Type type) {
    return Types.NestedField.optional(1, name, type);
  }

  static Stream<Arguments> columns() {
    return Stream.of(
        rule("long", column("id", Types.LongType.get())),
        rule("int, float, double", column("n", Types.IntegerType.get())),
        rule("decimal(38, 10)", column("d", Types.DecimalType.of(38, 10))),
        rule("string, binary", column("s", Types.BinaryType.get())),
        rule("date", column("day", Types.DateType.get())),
        rule("timestamp in microseconds", column("t", Types.TimestampType.withoutZone())),
        rule("timestamptz in microseconds", column("t", Types.TimestampType.withZone())),
        rule(
            "nanosecond timestamps are v3",
            column("t", Types.TimestampNanoType.withZone()),
            "t: type timestamptz_ns is not readable by Athena"),
        rule("time", column("t", Types.TimeType.get()), "t: type time is not readable by Athena"),
        rule("uuid", column("u", Types.UUIDType.get()), "u: type uuid is not readable by Athena"),
        rule(
            "fixed(L)",
            column("f", Types.FixedType.ofLength(16)),
            "f: type fixed[16] is not readable by Athena"),
        rule(
            "variant is v3",
            column("v", Types.VariantType.get()),
            "v: type variant is not readable by Athena"),
        rule(
            "nested structs, lists and maps of readable types",
            column(
                "s",
                Types.StructType.of(
                    Types.NestedField.optional(
                        2,
                        "l",
                        Types.ListType.ofOptional(
                            3,
                            Types.MapType.ofOptional(
                                4, 5, Types.StringType.get(), Types.DoubleType.get())))))),
        rule(
            "a nested unreadable type is named by its path",
            column(
                "s",
                Types.StructType.of(
                    Types.NestedField.optional(
                        2, "l", Types.ListType.ofOptional(3, Types.TimeType.get())))),
            "s.l.element: type time is not readable by Athena"),
        rule(
            "map keys are primitive",
            column(
                "m",
                Types.MapType.ofOptional(
                    2,
                    3,
                    Types.StructType.of(Types.NestedField.required(4, "k", Types.StringType.get())),
                    Types.LongType.get())),
            "m: map key of type struct<4: k: required string>; map keys must be primitive"),
        rule(
            "uppercase names are refused (Glue and Athena fold case)",
            column("Amount", Types.LongType.get()),
            "Amount: name must be 1 to 255 characters of lowercase letters, digits and _"),
        rule(
            "other characters in names are refused",
            column("first name", Types.LongType.get()),
            "first name: name must be 1 to 255 characters of lowercase letters, digits and _"),
        rule(
            "names up to 255 characters",
            column("n".repeat(256), Types.LongType.get()),
            "n".repeat(256)
                + ": name must be 1 to 255 characters of lowercase letters, digits and _"),
        rule("a leading digit is valid (quoted in queries)", column("1st", Types.LongType.get())),
        rule(
            "a reserved word is valid (quoted in queries)", column("select", Types.LongType.get())),
        rule(
            "column comments up to 255 characters",
            Types.NestedField.optional(1, "c", Types.LongType.get(), "x".repeat(256)),
            "c: comment longer than 255 characters"),
        rule(
            "the Glue type string of a column up to 131,072 characters",
            column("wide", wideStruct()),
            "wide: Glue type string of 131075 characters; Glue stores at most 131072"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("columns")
  void checksColumns(String rule, Types.NestedField column, String[] expected) {
    Schema schema = new Schema(column);

    assertThat(AthenaRules.violations(2, schema, PartitionSpec.unpartitioned()))
        .as(rule)
        .map(Object::toString)
        .containsExactly(expected);
  }

  static Stream<Arguments> partitionSpecs() {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "ts", Types.TimestampType.withZone()),
            Types.NestedField.optional(3, "s", Types.StringType.get()));
    return Stream.of(
        Arguments.of(PartitionSpec.builderFor(schema).identity("s").build(), List.of()),
        Arguments.of(PartitionSpec.builderFor(schema).year("ts").build(), List.of()),
        Arguments.of(PartitionSpec.builderFor(schema).month("ts").build(), List.of()),
        Arguments.of(PartitionSpec.builderFor(schema).day("ts").build(), List.of()),
        Arguments.of(PartitionSpec.builderFor(schema).hour("ts").build(), List.of()),
        Arguments.of(PartitionSpec.builderFor(schema).bucket("id", 16).build(), List.of()),
        Arguments.of(PartitionSpec.builderFor(schema).truncate("s", 4).build(), List.of()),
        Arguments.of(
            PartitionSpec.builderFor(schema).alwaysNull("s").build(),
            List.of(
                "s: partition transform void; Athena supports identity, year, month, day, hour,"
                    + " bucket, truncate")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("partitionSpecs")
  void checksPartitionTransforms(PartitionSpec spec, List<String> expected) {
    assertThat(AthenaRules.violations(2, spec.schema(), spec))
        .map(Object::toString)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void formatVersionTwoAtMost() {
    Schema schema = new Schema(column("id", Types.LongType.get()));

    assertThat(AthenaRules.violations(1, schema, PartitionSpec.unpartitioned())).isEmpty();
    assertThat(AthenaRules.violations(2, schema, PartitionSpec.unpartitioned())).isEmpty();
    assertThat(AthenaRules.violations(3, schema, PartitionSpec.unpartitioned()))
        .map(Object::toString)
        .containsExactly("(table): format version 3; Athena reads format version 2 at most");
  }

  @Test
  void refusalNamesTheTableAndEveryField() {
    Schema schema =
        new Schema(
            column("t", Types.TimeType.get()),
            Types.NestedField.optional(2, "U", Types.UUIDType.get()));

    assertThatThrownBy(
            () -> AthenaRules.check("raw.orders", 2, schema, PartitionSpec.unpartitioned()))
        .isInstanceOf(AthenaIncompatibleException.class)
        .hasMessage(
            "Table raw.orders would not be readable by Athena: t: type time is not readable by"
                + " Athena; U: name must be 1 to 255 characters of lowercase letters, digits and"
                + " _; U: type uuid is not readable by Athena");
  }

  @Test
  void commentsAreShortenedToWhatGlueStores() {
    assertThat(AthenaRules.comment(null)).isNull();
    assertThat(AthenaRules.comment("Amount")).isEqualTo("Amount");
    assertThat(AthenaRules.comment("x".repeat(300))).hasSize(255);
    // A surrogate pair is never split.
    assertThat(AthenaRules.comment("x".repeat(254) + "😀" + "y")).isEqualTo("x".repeat(254));
  }

  @Test
  void tellsWhichNamesNeedQuotes() {
    assertThat(AthenaRules.needsQuoting("1st")).isTrue();
    assertThat(AthenaRules.needsQuoting("select")).isTrue();
    assertThat(AthenaRules.needsQuoting("timestamp")).isTrue();
    assertThat(AthenaRules.needsQuoting("amount")).isFalse();
    assertThat(AthenaRules.needsQuoting("_source")).isFalse();
  }

  /** The kinds of records SchemaDriftIT produces, inferred as the service infers them. */
  @Test
  void inferredSchemasOfDriftingRecordsPassTheChecker() throws Exception {
    ObservedStruct observed = new ObservedStruct();
    for (String record :
        List.of(
            "{\"id\": 1, \"amount\": 3, \"Amount\": 4, \"first name\": \"a\", \"a.b\": 1}",
            "{\"id\": 2, \"amount\": 2.5, \"note\": null, \"tags\": [], \"mixed\": [1, \"a\"]}",
            "{\"id\": \"x\", \"nested\": {\"deeper\": {\"deepest\": true}}, \"1st\": 1}",
            "{\"select\": 1, \"by_id\": {\"123\": 1, \"456\": 2, \"789\": 3}, \"e\": {}}",
            "{\"" + "L".repeat(300) + "\": 1, \"ts\": \"2026-11-01T10:00:00Z\"}")) {
      observed.observe(JSON.readTree(record));
    }
    Types.StructType inferred = observed.toStructType().orElseThrow().asStructType();
    AtomicInteger ids = new AtomicInteger();
    Schema schema =
        new Schema(TypeUtil.assignFreshIds(inferred, ids::incrementAndGet).asStructType().fields());

    assertThat(AthenaRules.violations(2, schema, PartitionSpec.unpartitioned())).isEmpty();
    assertThat(schema.findField("l".repeat(255)).doc()).hasSize(255);
  }

  /** A struct whose Glue type string is just over Glue's limit. */
  private static Type wideStruct() {
    List<Types.NestedField> fields = new java.util.ArrayList<>();
    // Each field adds "fNNNNN:bigint," (14 characters); 9,362 of them pass 131,072.
    for (int i = 0; i < 9_362; i++) {
      fields.add(Types.NestedField.optional(10 + i, "f%05d".formatted(i), Types.LongType.get()));
    }
    return Types.StructType.of(fields);
  }
}
