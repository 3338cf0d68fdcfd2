package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.tributary.schema.ColumnNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CEL expression over one record. Each top-level field is a variable by its name (a field the
 * record lacks is {@code null}); {@code record} is the whole record as a map. JSON integers are CEL
 * {@code int}, other numbers {@code double}: CEL does not mix them in arithmetic, so write {@code
 * amount * 100.0}, or {@code int(amount * 100.0)}. The strings and math extensions are there
 * ({@code email.lowerAscii()}, {@code email.split('@')}).
 */
final class CelExpression {
  static final String RECORD = "record";
  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .comprehensionMaxIterations(10_000)
          .build();

  private final String text;
  private final Set<String> variables;
  private final CelRuntime.Program program;

  private CelExpression(String text, Set<String> variables, CelRuntime.Program program) {
    this.text = text;
    this.variables = variables;
    this.program = program;
  }

  /** Parses and checks the expression; the message of a failure is CEL's, with its position. */
  static CelExpression compile(String text) {
    requireNonNull(text, "text is null");
    if (text.isBlank()) {
      throw new IllegalArgumentException("the expression must not be blank");
    }
    CelValidationResult parsed = builder().build().parse(text);
    if (parsed.hasError()) {
      throw new IllegalArgumentException("is not a CEL expression: " + parsed.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = parsed.getAst();
      // The record's fields are not known in advance: every name the expression reads is a
      // variable of any type, so that calls and operators are still checked.
      Set<String> names = new TreeSet<>();
      CelNavigableAst.fromAst(ast)
          .getRoot()
          .allNodes()
          .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT)
          .forEach(node -> names.add(node.expr().ident().name()));
      names.add(RECORD);
      CelBuilder builder = builder();
      names.forEach(name -> builder.addVar(name, SimpleType.DYN));
      Cel cel = builder.build();
      CelValidationResult checked = cel.check(ast);
      if (checked.hasError()) {
        throw new IllegalArgumentException(
            "is not a valid CEL expression: " + checked.getErrorString());
      }
      return new CelExpression(text, Set.copyOf(names), cel.createProgram(checked.getAst()));
    } catch (CelValidationException e) {
      throw new IllegalArgumentException("is not a valid CEL expression: " + e.getMessage(), e);
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException("cannot be prepared: " + e.getMessage(), e);
    }
  }

  private static CelBuilder builder() {
    return CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
        .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS));
  }

  /** The expression's value for the record, as CEL's Java values. */
  Object evaluate(ObjectNode record) throws CelEvaluationException {
    Map<String, Object> bindings = new LinkedHashMap<>();
    for (String name : variables) {
      bindings.put(name, name.equals(RECORD) ? toCel(record) : field(record, name));
    }
    return program.eval(bindings);
  }

  private static Object field(ObjectNode record, String name) {
    JsonNode value = record.get(name);
    if (value == null) {
      String key = FieldPath.existing(record, ColumnNames.normalize(name), null);
      value = key == null ? null : record.get(key);
    }
    return value == null ? NullValue.NULL_VALUE : toCel(value);
  }

  static Object toCel(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(toCel(element)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(entry -> map.put(entry.getKey(), toCel(entry.getValue())));
      return map;
    }
    return node.asText();
  }

  /** A CEL value as JSON; empty for values JSON cannot hold (NaN, types, ...). */
  static Optional<JsonNode> toJson(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null || value instanceof NullValue) {
      return Optional.of(nodes.nullNode());
    }
    if (value instanceof String text) {
      return Optional.of(nodes.textNode(text));
    }
    if (value instanceof Boolean bool) {
      return Optional.of(nodes.booleanNode(bool));
    }
    if (value instanceof Long || value instanceof Integer) {
      return Optional.of(nodes.numberNode(((Number) value).longValue()));
    }
    if (value instanceof UnsignedLong unsigned) {
      return Optional.of(nodes.numberNode(unsigned.bigIntegerValue()));
    }
    if (value instanceof Double number) {
      return number.isNaN() || number.isInfinite()
          ? Optional.empty()
          : Optional.of(nodes.numberNode(BigDecimal.valueOf(number)));
    }
    if (value instanceof ByteString bytes) {
      return Optional.of(nodes.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray())));
    }
    if (value instanceof com.google.protobuf.Timestamp timestamp) {
      return Optional.of(
          nodes.textNode(
              Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString()));
    }
    if (value instanceof List<?> list) {
      ArrayNode array = nodes.arrayNode(list.size());
      for (Object element : list) {
        Optional<JsonNode> json = toJson(element);
        if (json.isEmpty()) {
          return Optional.empty();
        }
        array.add(json.get());
      }
      return Optional.of(array);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Optional<JsonNode> json = toJson(entry.getValue());
        if (json.isEmpty()) {
          return Optional.empty();
        }
        object.set(String.valueOf(entry.getKey()), json.get());
      }
      return Optional.of(object);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }
}
