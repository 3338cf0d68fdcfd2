package io.tributary.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourceRecord;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** Decodes a record value holding one JSON object. */
final class JsonDecoder implements RecordDecoder {
  // Exact numbers: BigDecimal keeps 0.1 as 0.1 so that values are never rounded on the way in.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          // Keep 12.50 as written: a number stored in a string column is its exact JSON text.
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private final int maxRecordBytes;

  JsonDecoder(int maxRecordBytes) {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  /** JSON text read as records are, numbers keeping their written spelling. */
  static JsonNode readExact(String json) throws IOException {
    try (JsonParser parser = MAPPER.createParser(json)) {
      return MAPPER.reader(new WrittenNumbers(parser)).readTree(parser);
    }
  }

  @Override
  public ObjectNode decode(SourceRecord record) throws DecodeException {
    byte[] value = record.value();
    if (value == null) {
      throw new DecodeException("record " + record.coordinates() + " has no value (tombstone)");
    }
    if (value.length == 0) {
      throw new DecodeException(
          "record " + record.coordinates() + " is empty JSON, expected an object");
    }
    if (value.length > maxRecordBytes) {
      throw new DecodeException(
          "record "
              + record.coordinates()
              + " has "
              + value.length
              + " bytes, over the limit of "
              + maxRecordBytes);
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(value)) {
      node = MAPPER.reader(new WrittenNumbers(parser)).readTree(parser);
    } catch (JsonProcessingException e) {
      throw new DecodeException(
          "record " + record.coordinates() + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DecodeException(
          "record " + record.coordinates() + " cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      String kind = node == null ? "empty" : node.getNodeType().name().toLowerCase(Locale.ROOT);
      throw new DecodeException(
          "record " + record.coordinates() + " is " + kind + " JSON, expected an object");
    }
    Optional<String> unencodable = Utf8Strings.unpairedSurrogate(value, node);
    if (unencodable.isPresent()) {
      // Parquet's UTF-8 would write it as '?': the record stays whole, exact, as a dead letter.
      throw new DecodeException(
          "record "
              + record.coordinates()
              + " holds a string with an unpaired surrogate at "
              + unencodable.get()
              + ", which UTF-8 cannot carry exactly");
    }
    return (ObjectNode) node;
  }
}
