package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per existing column type and evidence-chosen type: whether the planner reports the column
 * as contested (a young table may re-type it) rather than a fit or a legal widening.
 */
class TestContestedColumns {
  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("text after numbers", Types.LongType.get(), Types.StringType.get(), true),
        Arguments.of(
            "fractions after whole numbers", Types.LongType.get(), Types.DoubleType.get(), true),
        Arguments.of(
            "numbers into a string column fit",
            Types.StringType.get(),
            Types.LongType.get(),
            false),
        Arguments.of(
            "whole numbers into a double column fit",
            Types.DoubleType.get(),
            Types.LongType.get(),
            false),
        Arguments.of(
            "int to long is a legal widening",
            Types.IntegerType.get(),
            Types.LongType.get(),
            false),
        Arguments.of("same type", Types.BooleanType.get(), Types.BooleanType.get(), false),
        Arguments.of(
            "a struct where a scalar was is not re-typed",
            Types.LongType.get(),
            Types.StructType.of(Types.NestedField.optional(0, "a", Types.LongType.get())),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void reportsColumnsTheEvidenceTurnedAgainst(
      String rule, Type existing, Type observed, boolean contested) {
    Types.StructType table = Types.StructType.of(Types.NestedField.optional(1, "f", existing));
    Types.StructType batch = Types.StructType.of(Types.NestedField.optional(0, "f", observed));

    SchemaChanges changes = new SchemaPlanner(SchemaSettings.defaults()).changes(table, batch);

    assertThat(changes.contested())
        .as(rule)
        .hasSize(contested ? 1 : 0)
        .allSatisfy(retype -> assertThat(retype.to()).isEqualTo(observed));
  }
}
