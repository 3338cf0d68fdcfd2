package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TestSchemaDiffAndSamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void diffReportsAddedPromotedAndMadeOptionalByFieldId() {
    Schema from =
        new Schema(
            Types.NestedField.required(1, "id", Types.IntegerType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));
    Schema to =
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()),
            Types.NestedField.optional(
                3,
                "address",
                Types.StructType.of(
                    Types.NestedField.optional(4, "city", Types.StringType.get()))));

    assertThat(SchemaDiff.between(from, to))
        .extracting(
            change ->
                change.fieldId() + " " + change.change().kind() + " " + change.change().path())
        .containsExactly("1 PROMOTED id", "1 MADE_OPTIONAL id", "3 ADDED address");
  }

  @Test
  void samplesAreRedactedAndTruncated() throws Exception {
    String sample =
        RecordSample.of(
            JSON.readTree(
                "{\"id\": 1, \"Card\": {\"Number\": \"4111\"}, \"items\": [{\"ssn\": \"x\"}]}"),
            Set.of("card.number", "items.ssn"),
            1000);
    assertThat(sample)
        .isEqualTo("{\"id\":1,\"Card\":{\"Number\":\"***\"},\"items\":[{\"ssn\":\"***\"}]}");
    assertThat(RecordSample.of(JSON.readTree("{\"text\": \"ééééé\"}"), Set.of(), 12))
        .isEqualTo("{\"text\":\"é...");
  }

  @Test
  void findsTheRecordThatHoldsAPath() throws Exception {
    assertThat(RecordSample.holds(JSON.readTree("{\"A\": {\"b\": 1}}"), "a.b")).isTrue();
    assertThat(RecordSample.holds(JSON.readTree("{\"a\": [{\"b\": 1}]}"), "a.element.b")).isTrue();
    assertThat(RecordSample.holds(JSON.readTree("{\"a\": {\"b\": null}}"), "a.b")).isFalse();
  }

  @Test
  void hintsAreParsedOrRefusedWithTheReason() {
    assertThat(FieldHint.parse("timestamptz:epoch-micros").epochUnit()).contains(EpochUnit.MICROS);
    assertThat(FieldHint.parse("Decimal(12, 3)").type()).contains(Types.DecimalType.of(12, 3));
    assertThatThrownBy(() -> FieldHint.parse("decimal(40, 2)"))
        .hasMessageContaining("precision <= 38");
    assertThatThrownBy(() -> FieldHint.parse("uuid"))
        .hasMessageContaining("unknown type hint 'uuid'");
  }

  @Test
  void epochNumbersConvertOnlyWhenExactInMicroseconds() {
    assertThat(EpochUnit.MILLIS.toMicros(new java.math.BigDecimal("1767225600123")))
        .hasValue(1_767_225_600_123_000L);
    assertThat(EpochUnit.SECONDS.toMicros(new java.math.BigDecimal("1.5"))).hasValue(1_500_000L);
    assertThat(EpochUnit.MICROS.toMicros(new java.math.BigDecimal("1.5"))).isEmpty();
  }

  @Test
  void glueTypeStringsUseHiveNames() {
    assertThat(
            GlueTypeStrings.of(
                Types.StructType.of(
                    Types.NestedField.optional(1, "a", Types.LongType.get()),
                    Types.NestedField.optional(
                        2, "b", Types.ListType.ofOptional(3, Types.DecimalType.of(38, 2))),
                    Types.NestedField.optional(
                        4,
                        "c",
                        Types.MapType.ofOptional(
                            5, 6, Types.StringType.get(), Types.TimestampType.withZone())))))
        .isEqualTo("struct<a:bigint,b:array<decimal(38,2)>,c:map<string,timestamp>>");
  }

  @Test
  void profilesCountPresenceTypesDistinctAndRanges() throws Exception {
    FieldProfiles profiles = new FieldProfiles(100, 16);
    profiles.observe(JSON.readTree("{\"n\": 1, \"t\": \"2026-01-01T00:00:00Z\"}"), 1000);
    profiles.observe(JSON.readTree("{\"n\": 2.5, \"t\": null}"), 2000);
    profiles.observe(JSON.readTree("{\"n\": \"x\", \"t\": \"2026-02-01T00:00:00+01:00\"}"), 3000);
    profiles.rescued("n");

    FieldProfileView n = profiles.views().get(0);
    assertThat(n.path()).isEqualTo("n");
    assertThat(n.present()).isEqualTo(3);
    assertThat(n.rescued()).isEqualTo(1);
    assertThat(n.types()).containsEntry("integer", 1L).containsEntry("fraction", 1L);
    assertThat(n.distinct()).isEqualTo(3);
    assertThat(n.minNumber()).isEqualTo("1");
    assertThat(n.maxNumber()).isEqualTo("2.5");
    FieldProfileView t = profiles.views().get(1);
    assertThat(t.nullRatio()).isEqualTo(1.0 / 3);
    assertThat(t.maxTime()).hasToString("2026-01-31T23:00:00Z");
    assertThat(t.firstSeen().toEpochMilli()).isEqualTo(1000);
    assertThat(t.lastSeen().toEpochMilli()).isEqualTo(3000);
  }

  @Test
  void persistedProfilesAddUpWithTheNextRun() throws Exception {
    FieldProfiles first = new FieldProfiles(100, 16);
    first.observe(JSON.readTree("{\"n\": 5}"), 1000);
    first.rescued("n");
    String stored = ProfileSummaries.write(first.views(), 16_384);

    FieldProfiles second = new FieldProfiles(100, 16);
    second.restore(ProfileSummaries.read(stored));
    second.observe(JSON.readTree("{\"n\": -1, \"m\": true}"), 5000);

    FieldProfileView n = second.views().get(1);
    assertThat(n.path()).isEqualTo("n");
    assertThat(n.records()).isEqualTo(2);
    assertThat(n.present()).isEqualTo(2);
    assertThat(n.rescued()).isEqualTo(1);
    assertThat(n.minNumber()).isEqualTo("-1");
    assertThat(n.maxNumber()).isEqualTo("5");
    assertThat(n.firstSeen().toEpochMilli()).isEqualTo(1000);
    assertThat(n.lastSeen().toEpochMilli()).isEqualTo(5000);
    assertThat(ProfileSummaries.write(second.views(), 40)).isEqualTo("{\"fields\":{}}");
  }
}
