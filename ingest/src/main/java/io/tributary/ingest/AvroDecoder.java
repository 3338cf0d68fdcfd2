package io.tributary.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.AvroTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.iceberg.types.Type;

/**
 * Decodes Avro record values: the Confluent wire format (magic byte 0, a 4-byte schema id, the
 * binary datum) with writer schemas from a registry, or plain binary datums of one fixed schema.
 * The record becomes a JSON object (see {@link AvroJson}); the schema's types become type hints.
 */
final class AvroDecoder implements RecordDecoder {
  private static final byte MAGIC_BYTE = 0;

  private final Optional<SchemaRegistryClient> registry;
  private final Optional<Schema> fixedSchema;
  private final Map<Schema, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final Map<String, Type> declaredTypes = new ConcurrentHashMap<>();
  private BinaryDecoder reuse;

  AvroDecoder(Optional<SchemaRegistryClient> registry, Optional<Schema> fixedSchema) {
    if (registry.isPresent() == fixedSchema.isPresent()) {
      throw new IllegalArgumentException("give either a registry or a fixed schema");
    }
    this.registry = registry;
    this.fixedSchema = fixedSchema;
    fixedSchema.ifPresent(this::declare);
  }

  static AvroDecoder of(DecodingSettings settings) {
    return new AvroDecoder(
        settings.registry().map(url -> new SchemaRegistryClient(url, settings.registryAccess())),
        settings.fixedSchema().map(text -> new Schema.Parser().parse(text)));
  }

  @Override
  public ObjectNode decode(SourceRecord record) throws DecodeException {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      throw new DecodeException("record " + record.coordinates() + " has no Avro value");
    }
    Schema schema;
    int offset = 0;
    if (registry.isPresent()) {
      if (value.length < 5 || value[0] != MAGIC_BYTE) {
        throw new DecodeException(
            "record " + record.coordinates() + " is not in the Confluent wire format (magic byte)");
      }
      int id = ByteBuffer.wrap(value, 1, 4).getInt();
      try {
        schema = registry.get().schema(id);
      } catch (SchemaRegistryClient.RegistryException e) {
        throw new DecodeException(
            "record " + record.coordinates() + ": no writer schema: " + e.getMessage(), e);
      }
      offset = 5;
      declare(schema);
    } else {
      schema = fixedSchema.get();
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new DecodeException(
          "record " + record.coordinates() + " has Avro type " + schema.getType() + ", not record");
    }
    try {
      reuse = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, reuse);
      Object datum = readers.computeIfAbsent(schema, GenericDatumReader::new).read(null, reuse);
      if (!reuse.isEnd()) {
        throw new DecodeException(
            "record " + record.coordinates() + " has bytes after its Avro datum");
      }
      return AvroJson.object((GenericRecord) datum);
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(
          "record " + record.coordinates() + " is not valid Avro of its schema: " + e, e);
    }
  }

  @Override
  public Map<String, Type> declaredTypes() {
    return Map.copyOf(declaredTypes);
  }

  private void declare(Schema schema) {
    if (schema.getType() == Schema.Type.RECORD && !readers.containsKey(schema)) {
      declaredTypes.putAll(AvroTypes.columnTypes(schema));
    }
  }
}
