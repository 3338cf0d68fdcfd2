package io.tributary.ingest.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import java.util.Optional;

/** Keeps the records for which a CEL expression is true; the others are counted and left out. */
public final class FilterStep implements TransformStep {
  private final CelExpression expression;

  private FilterStep(CelExpression expression) {
    this.expression = requireNonNull(expression, "expression is null");
  }

  /** Compiles the expression; a message says what CEL found wrong. */
  public static FilterStep keepWhen(String expression) {
    return new FilterStep(CelExpression.compile(expression));
  }

  @Override
  public String type() {
    return "filter";
  }

  @Override
  public boolean apply(ObjectNode record) throws TransformException {
    Object result;
    try {
      result = expression.evaluate(record);
    } catch (CelEvaluationException e) {
      throw new TransformException(
          "the filter expression cannot be evaluated", Optional.of("CEL: " + e.getMessage()));
    }
    if (result instanceof Boolean keep) {
      return keep;
    }
    throw new TransformException(
        "the filter expression gave a "
            + (result == null ? "null" : result.getClass().getSimpleName())
            + ", not a bool");
  }

  @Override
  public String toString() {
    return "filter[" + expression + "]";
  }
}
