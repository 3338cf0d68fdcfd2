package io.tributary.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number whose text as written differs from its value's canonical form ({@code 1e400} is
 * {@code 1E+400} to a BigDecimal). It behaves as the number everywhere; its text, in a string
 * column or in {@code _rescued_data}, is the spelling the producer wrote. (Jackson's DecimalNode
 * cannot be told how to print itself, so this wraps one.)
 */
final class WrittenNumberNode extends NumericNode {
  private static final long serialVersionUID = 1L;

  private final DecimalNode number;
  private final String written;

  WrittenNumberNode(BigDecimal value, String written) {
    this.number = DecimalNode.valueOf(java.util.Objects.requireNonNull(value, "value is null"));
    this.written = java.util.Objects.requireNonNull(written, "written is null");
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    generator.writeNumber(written);
  }

  @Override
  public String asText() {
    return written;
  }

  @Override
  public JsonToken asToken() {
    return JsonToken.VALUE_NUMBER_FLOAT;
  }

  @Override
  public JsonParser.NumberType numberType() {
    return JsonParser.NumberType.BIG_DECIMAL;
  }

  @Override
  public boolean isFloatingPointNumber() {
    return true;
  }

  @Override
  public boolean isBigDecimal() {
    return true;
  }

  @Override
  public Number numberValue() {
    return number.numberValue();
  }

  @Override
  public int intValue() {
    return number.intValue();
  }

  @Override
  public long longValue() {
    return number.longValue();
  }

  @Override
  public double doubleValue() {
    return number.doubleValue();
  }

  @Override
  public BigDecimal decimalValue() {
    return number.decimalValue();
  }

  @Override
  public BigInteger bigIntegerValue() {
    return number.bigIntegerValue();
  }

  @Override
  public boolean canConvertToInt() {
    return number.canConvertToInt();
  }

  @Override
  public boolean canConvertToLong() {
    return number.canConvertToLong();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WrittenNumberNode that
        ? written.equals(that.written)
        : number.equals(other);
  }

  @Override
  public int hashCode() {
    return number.hashCode();
  }
}
