package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TestSchemaPlanner {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void infersOverTheWholeBatchBeforeAddingColumns() throws Exception {
    ObservedStruct observed = new ObservedStruct();
    observed.observe(json("{\"id\": 1, \"price\": 2, \"tags\": [], \"note\": null}"));
    observed.observe(json("{\"id\": 2, \"price\": 2.5, \"Ship To\": {\"city\": \"Oslo\"}}"));

    List<ColumnAddition> additions =
        new SchemaPlanner(Map.of()).plan(Types.StructType.of(), struct(observed));

    assertThat(additions)
        .extracting(ColumnAddition::path, addition -> addition.type().typeId())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", Type.TypeID.LONG),
            org.assertj.core.groups.Tuple.tuple("price", Type.TypeID.DOUBLE),
            org.assertj.core.groups.Tuple.tuple("ship_to", Type.TypeID.STRUCT));
  }

  @Test
  void addsOnlyMissingNestedFields() throws Exception {
    Types.StructType table =
        Types.StructType.of(
            Types.NestedField.optional(
                1,
                "customer",
                Types.StructType.of(Types.NestedField.optional(2, "id", Types.LongType.get()))));
    ObservedStruct observed =
        ObservedStruct.of(json("{\"customer\": {\"id\": 7, \"tier\": \"gold\"}}"));

    List<ColumnAddition> additions = new SchemaPlanner(Map.of()).plan(table, struct(observed));

    assertThat(additions)
        .containsExactly(
            new ColumnAddition(
                Optional.of("customer"), "tier", Types.StringType.get(), Optional.of("tier")));
  }

  @Test
  void addsFieldsToStructsInsideLists() throws Exception {
    Types.StructType table =
        Types.StructType.of(
            Types.NestedField.optional(
                1,
                "items",
                Types.ListType.ofOptional(
                    2,
                    Types.StructType.of(
                        Types.NestedField.optional(3, "sku", Types.StringType.get())))));
    ObservedStruct observed =
        ObservedStruct.of(json("{\"items\": [{\"sku\": \"a\", \"qty\": 2}]}"));

    assertThat(new SchemaPlanner(Map.of()).plan(table, struct(observed)))
        .containsExactly(
            new ColumnAddition(
                Optional.of("items.element"), "qty", Types.LongType.get(), Optional.of("qty")));
  }

  @Test
  void neverRetypesAnExistingColumn() throws Exception {
    Types.StructType table =
        Types.StructType.of(Types.NestedField.optional(1, "amount", Types.LongType.get()));
    ObservedStruct observed = ObservedStruct.of(json("{\"amount\": 2.5}"));

    assertThat(new SchemaPlanner(Map.of()).plan(table, struct(observed))).isEmpty();
  }

  @Test
  void hintsOverrideInference() throws Exception {
    ObservedStruct observed = ObservedStruct.of(json("{\"event_time\": \"2026-01-01T00:00:00Z\"}"));

    List<ColumnAddition> additions =
        new SchemaPlanner(Map.of("event_time", Types.TimestampType.withZone()))
            .plan(Types.StructType.of(), struct(observed));

    assertThat(additions)
        .containsExactly(
            new ColumnAddition(
                Optional.empty(),
                "event_time",
                Types.TimestampType.withZone(),
                Optional.of("event_time")));
  }

  @Test
  void mixedTypesFallBackToString() throws Exception {
    ObservedStruct observed = new ObservedStruct();
    observed.observe(json("{\"code\": 12}"));
    observed.observe(json("{\"code\": \"A12\"}"));

    assertThat(struct(observed).field("code").type()).isEqualTo(Types.StringType.get());
  }

  private static Types.StructType struct(ObservedStruct observed) {
    return observed.toStructType().orElseThrow().asStructType();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
