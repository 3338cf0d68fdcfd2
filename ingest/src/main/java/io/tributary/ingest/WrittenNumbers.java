package io.tributary.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Builds the tree of one record, keeping each fractional or exponent number's text as written when
 * its BigDecimal would print it differently, so a number kept as text stays exactly what the
 * producer sent ({@code 1e400}, not {@code 1E+400}). One instance per parser: the text is the
 * parser's current token when the node is made.
 */
final class WrittenNumbers extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;

  private final transient JsonParser parser;

  WrittenNumbers(JsonParser parser) {
    // Exact: 12.50 keeps its scale.
    super(true);
    this.parser = requireNonNull(parser, "parser is null");
  }

  @Override
  public ValueNode numberNode(BigDecimal value) {
    if (value == null || parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
      return super.numberNode(value);
    }
    String written;
    try {
      written = parser.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written.equals(value.toString())
        ? super.numberNode(value)
        : new WrittenNumberNode(value, written);
  }
}
