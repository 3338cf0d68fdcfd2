package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import java.util.Optional;

/** Sets a top-level field to the value of a CEL expression over the record. */
public final class DeriveStep implements TransformStep {
  private final String field;
  private final CelExpression expression;

  private DeriveStep(String field, CelExpression expression) {
    this.field = requireNonNull(field, "field is null");
    this.expression = requireNonNull(expression, "expression is null");
  }

  /** Compiles the expression; a message says what CEL found wrong. */
  public static DeriveStep of(String field, String expression) {
    requireNonNull(field, "field is null");
    if (field.isBlank() || field.contains(".")) {
      throw new IllegalArgumentException(
          "the derived field is a top-level name, without dots: '" + field + "'");
    }
    return new DeriveStep(field, CelExpression.compile(expression));
  }

  @Override
  public String type() {
    return "derive";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    Object result;
    try {
      result = expression.evaluate(record);
    } catch (CelEvaluationException e) {
      throw new TransformException(
          "the expression for field '" + field + "' cannot be evaluated",
          Optional.of("CEL: " + e.getMessage()));
    }
    Optional<JsonNode> value = CelExpression.toJson(result);
    if (value.isEmpty()) {
      throw new TransformException(
          "the expression for field '"
              + field
              + "' gave a value JSON cannot hold ("
              + result.getClass().getSimpleName()
              + ")");
    }
    // A field of the same name once normalized is replaced, never doubled.
    String existing = FieldPath.existing(record, field, null);
    if (existing != null) {
      record.remove(existing);
    }
    record.set(field, value.get());
    return true;
  }

  @Override
  public String toString() {
    return "derive[" + field + " = " + expression + "]";
  }
}
