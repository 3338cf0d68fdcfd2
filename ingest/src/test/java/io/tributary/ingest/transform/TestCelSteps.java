package io.tributary.ingest.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Filter and derive steps with CEL expressions: results, bad expressions and bad values. */
class TestCelSteps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableIdentifier TABLE = TableIdentifier.parse("raw.events");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "country == 'NL'                           | {\"country\":\"NL\"}        | true",
        "country == 'NL'                           | {\"country\":\"DE\"}        | false",
        "country == 'NL'                           | {}                           | false",
        "amount > 10                               | {\"amount\":12.5}           | true",
        "amount > 10                               | {\"amount\":3}              | false",
        "has(record.test) && record.test           | {\"test\":true}             | true",
        "!has(record.test)                         | {\"id\":1}                  | true",
        "items.exists(i, i.sku == 'a')             | {\"items\":[{\"sku\":\"a\"}]} | true",
        "user.email.endsWith('@example.com')       | {\"user\":{\"email\":\"x@example.com\"}} | true",
      })
  void filtersKeepRecordsForWhichTheExpressionIsTrue(String expression, String record, boolean kept)
      throws Exception {
    assertThat(FilterStep.keepWhen(expression).apply(object(record))).isEqualTo(kept);
  }

  static Stream<Arguments> derivations() {
    return Stream.of(
        Arguments.of("amount_cents", "int(amount * 100.0)", "{\"amount\":12.34}", "1234"),
        Arguments.of("amount_cents", "amount * 100", "{\"amount\":12}", "1200"),
        Arguments.of(
            "email_domain",
            "email.split('@')[1].lowerAscii()",
            "{\"email\":\"Alice@Example.COM\"}",
            "\"example.com\""),
        Arguments.of("total", "price * 1.21", "{\"price\":10.0}", "12.1"),
        Arguments.of("big", "amount >= 100", "{\"amount\":250}", "true"),
        Arguments.of("tags", "[kind, 'x']", "{\"kind\":\"a\"}", "[\"a\",\"x\"]"),
        Arguments.of("kind", "kind.upperAscii()", "{\"Kind\":\"a\"}", "\"A\""));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("derivations")
  void deriveSetsTheField(String field, String expression, String record, String value)
      throws Exception {
    ObjectNode node = object(record);

    DeriveStep.of(field, expression).apply(node);

    assertThat(node.get(field).toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "country ==                  | is not a CEL expression: ERROR: <input>:1:11: mismatched input",
        "email.nosuch()              | is not a valid CEL expression: ERROR: <input>:1:13:",
        "amount +                    | is not a CEL expression",
        "size(1, 2, 3)               | is not a valid CEL expression",
      })
  void badExpressionsAreRefusedWithCelsMessage(String expression, String message) {
    assertThatThrownBy(() -> FilterStep.keepWhen(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void blankExpressionsAndDottedFieldsAreRefused() {
    assertThatThrownBy(() -> FilterStep.keepWhen(" "))
        .hasMessage("the expression must not be blank");
    assertThatThrownBy(() -> DeriveStep.of("a.b", "1"))
        .hasMessage("the derived field is a top-level name, without dots: 'a.b'");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            FilterStep.keepWhen("amount"),
            "{\"amount\":3}",
            "record t:0@4: transforms[0] (filter): the filter expression gave a Long, not a bool"),
        Arguments.of(
            FilterStep.keepWhen("amount * 2 > 3"),
            "{\"amount\":\"three\"}",
            "record t:0@4: transforms[0] (filter): the filter expression cannot be evaluated,"
                + " CEL: "),
        Arguments.of(
            DeriveStep.of("cents", "amount * 100"),
            "{\"amount\":1.5}",
            "record t:0@4: transforms[0] (derive): the expression for field 'cents' cannot be"
                + " evaluated, CEL: "),
        Arguments.of(
            DeriveStep.of("ratio", "a / b"),
            "{\"a\":1.0,\"b\":0.0}",
            "record t:0@4: transforms[0] (derive): the expression for field 'ratio' gave a value"
                + " JSON cannot hold (Double)"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void badValuesFailNamingTheRecordAndStep(TransformStep step, String record, String message)
      throws Exception {
    TransformResult result =
        new TransformStage(new Transforms(List.of(step), Map.of(), false))
            .apply(TABLE, object(record), "t:0@4");

    assertThat(result).isInstanceOf(TransformResult.Failed.class);
    assertThat(((TransformResult.Failed) result).message()).startsWith(message);
  }

  @Test
  void filteredRecordsAreReportedWithTheirStep() throws Exception {
    TransformStage stage =
        new TransformStage(
            new Transforms(
                List.of(DeriveStep.of("n", "1")),
                Map.of(TABLE, List.of(FilterStep.keepWhen("country == 'NL'"))),
                false));

    assertThat(stage.apply(TABLE, object("{\"country\":\"DE\"}"), "t:0@1"))
        .isEqualTo(new TransformResult.Filtered("tables[raw.events].transforms[0]"));
  }

  @Test
  void aMaskingPipelineWithholdsWhatCelSaysAboutTheValue() throws Exception {
    TransformStep mask =
        new MaskStep(List.of(FieldPath.parse("email")), new MaskMethod.Redact("X"));
    TransformResult result =
        new TransformStage(
                new Transforms(List.of(DeriveStep.of("n", "int(secret)"), mask), Map.of(), false))
            .apply(TABLE, object("{\"secret\":\"alice-4111\",\"email\":\"a\"}"), "t:0@4");

    assertThat(((TransformResult.Failed) result).message())
        .isEqualTo(
            "record t:0@4: transforms[0] (derive): the expression for field 'n' cannot be"
                + " evaluated")
        .doesNotContain("alice");
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
