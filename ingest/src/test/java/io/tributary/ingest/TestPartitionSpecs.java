package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestPartitionSpecs {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "event_time", Types.TimestampType.withZone()),
          Types.NestedField.optional(2, "country", Types.StringType.get()),
          Types.NestedField.optional(3, "user_id", Types.LongType.get()),
          Types.NestedField.optional(
              4,
              "_source",
              Types.StructType.of(
                  Types.NestedField.optional(5, "timestamp", Types.TimestampType.withZone()))));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "day(event_time)        | event_time_day    | day",
        "hour(event_time)       | event_time_hour   | hour",
        "month(event_time)      | event_time_month  | month",
        "year(event_time)       | event_time_year   | year",
        "country                | country           | identity",
        "identity(country)      | country           | identity",
        "bucket[16](user_id)    | user_id_bucket    | bucket[16]",
        "truncate[2](country)   | country_trunc     | truncate[2]",
        "day(_source.timestamp) | _source.timestamp_day | day",
        "' day( event_time ) '  | event_time_day    | day",
      })
  void parsesTransforms(String expression, String partitionName, String transform) {
    PartitionSpec spec = PartitionSpecs.parse(SCHEMA, List.of(expression));

    assertThat(spec.fields()).hasSize(1);
    assertThat(spec.fields().get(0).name()).isEqualTo(partitionName);
    assertThat(spec.fields().get(0).transform().toString()).isEqualTo(transform);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "day(missing)     | Partition expression 'day(missing)' names unknown field 'missing'",
        "bucket(user_id)  | Partition expression 'bucket(user_id)' needs a width, as in bucket[16](field)",
        "week(event_time) | Unknown transform 'week' in partition expression 'week(event_time)'; use identity, year, month, day, hour, bucket[n] or truncate[w]",
        "day(event_time   | Invalid partition expression 'day(event_time'",
      })
  void rejectsWhatItCannotBuild(String expression, String message) {
    assertThatThrownBy(() -> PartitionSpecs.parse(SCHEMA, List.of(expression))).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bucket(user_id)  | Partition expression 'bucket(user_id)' needs a width, as in bucket[16](field)",
        "bucket[0](user_id) | Partition expression 'bucket[0](user_id)' needs a positive width that fits an int",
        "truncate[99999999999](user_id) | Partition expression 'truncate[99999999999](user_id)' needs a positive width that fits an int",
        "week(event_time) | Unknown transform 'week' in partition expression 'week(event_time)'; use identity, year, month, day, hour, bucket[n] or truncate[w]",
        "day(event_time   | Invalid partition expression 'day(event_time'",
      })
  void rejectsMalformedExpressionsWithoutASchema(String expression, String message) {
    assertThatThrownBy(() -> PartitionSpecs.check(expression)).hasMessage(message);
  }

  @Test
  void acceptsWellFormedExpressionsWithoutASchema() {
    List.of("day(ts)", "Hour(ts)", "bucket[16](user.id)", "truncate[4](name)", "region")
        .forEach(PartitionSpecs::check);
  }
}
