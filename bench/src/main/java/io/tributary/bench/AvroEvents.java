package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The generator's events as Avro, with one fixed schema: plain Avro binary, or framed in the
 * Confluent wire format (magic byte 0, a 4-byte schema id, then the binary).
 */
public final class AvroEvents {
  /** The schema of every event {@link EventGenerator} makes. */
  public static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Order", "namespace": "io.tributary.bench", "fields": [
                {"name": "order_id", "type": "long"},
                {"name": "order_uuid", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "event_time", "type": "string"},
                {"name": "status", "type": "string"},
                {"name": "channel", "type": "string"},
                {"name": "session_id", "type": "string"},
                {"name": "user_agent", "type": "string"},
                {"name": "ip_address", "type": "string"},
                {"name": "coupon_code", "type": ["null", "string"], "default": null},
                {"name": "gift", "type": "boolean"},
                {"name": "priority", "type": "int"},
                {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                  {"name": "customer_id", "type": "long"},
                  {"name": "email", "type": "string"},
                  {"name": "loyalty_tier", "type": "string"},
                  {"name": "signup_date", "type": "string"},
                  {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                    {"name": "street", "type": "string"},
                    {"name": "city", "type": "string"},
                    {"name": "postal_code", "type": "string"},
                    {"name": "country", "type": "string"}]}}]}},
                {"name": "items", "type": {"type": "array", "items": {
                  "type": "record", "name": "Item", "fields": [
                    {"name": "sku", "type": "string"},
                    {"name": "name", "type": "string"},
                    {"name": "quantity", "type": "int"},
                    {"name": "unit_price", "type": "double"}]}}},
                {"name": "currency", "type": "string"},
                {"name": "total_amount", "type": "double"},
                {"name": "shipping_cost", "type": "double"},
                {"name": "tax_rate", "type": "double"},
                {"name": "warehouse", "type": "string"},
                {"name": "note", "type": "string"}]}
              """);

  private static final GenericDatumWriter<Object> WRITER = new GenericDatumWriter<>(SCHEMA);

  private AvroEvents() {}

  /** The event as plain Avro binary in {@link #SCHEMA}. */
  public static byte[] plain(ObjectNode event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    write(event, out);
    return out.toByteArray();
  }

  /** The event in the Confluent wire format, under the given registry schema id. */
  public static byte[] confluent(ObjectNode event, int schemaId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    write(event, out);
    return out.toByteArray();
  }

  private static void write(ObjectNode event, ByteArrayOutputStream out) {
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      WRITER.write(value(SCHEMA, event), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an event as Avro", e);
    }
  }

  private static Object value(Schema schema, JsonNode node) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema(), node.path(field.name())));
        }
        yield record;
      }
      case ARRAY -> {
        List<Object> elements = new ArrayList<>(node.size());
        node.forEach(element -> elements.add(value(schema.getElementType(), element)));
        yield elements;
      }
      case UNION -> node.isMissingNode() || node.isNull() ? null : value(nonNull(schema), node);
      case LONG -> node.longValue();
      case INT -> node.intValue();
      case DOUBLE -> node.doubleValue();
      case BOOLEAN -> node.booleanValue();
      case STRING -> node.asText();
      default -> throw new IllegalArgumentException("no event field has Avro type " + schema);
    };
  }

  private static Schema nonNull(Schema union) {
    return union.getTypes().stream()
        .filter(type -> type.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }
}
