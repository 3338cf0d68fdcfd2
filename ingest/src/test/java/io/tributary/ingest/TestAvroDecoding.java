package io.tributary.ingest;

import static io.tributary.ingest.PipelineHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.AvroTypes;
import io.tributary.schema.SchemaSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class TestAvroDecoding {
  private static final String SCHEMA =
      """
      {"type": "record", "name": "Order", "fields": [
        {"name": "id", "type": "long"},
        {"name": "Status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
        {"name": "uid", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "at", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
        {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "choice", "type": ["int", "string"]},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "long"}},
        {"name": "ratio", "type": "float"}
      ]}""";
  private static final SourcePartition P0 = SourcePartition.kafka("avro", 0);

  @Test
  void mapsAvroTypesToTypesAthenaReads() {
    assertThat(AvroTypes.columnTypes(new Schema.Parser().parse(SCHEMA)))
        .extractingFromEntries(entry -> entry.getKey() + " " + entry.getValue())
        .containsExactly(
            "id long",
            "status string",
            "uid string",
            "at string",
            "ts timestamptz",
            "day date",
            "price decimal(10, 2)",
            "hash binary",
            "note string",
            "choice struct<0: int: optional int, 0: string: optional string>",
            "tags list<string>",
            "attrs map<string, long>",
            "ratio float");
  }

  @Test
  void decodesTheConfluentWireFormatWithSchemasFetchedOnceFromTheRegistry() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext(
        "/schemas/ids/",
        exchange -> {
          fetches.incrementAndGet();
          boolean known = exchange.getRequestURI().getPath().endsWith("/7");
          boolean down = exchange.getRequestURI().getPath().endsWith("/9");
          byte[] body =
              (known
                      ? new com.fasterxml.jackson.databind.ObjectMapper()
                          .createObjectNode()
                          .put("schema", SCHEMA)
                          .toString()
                      : "{\"error_code\": 40403, \"message\": \"Schema not found\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(known ? 200 : down ? 503 : 404, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    registry.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + registry.getAddress().getPort());
      AvroDecoder decoder =
          new AvroDecoder(Optional.of(new SchemaRegistryClient(url)), Optional.empty());

      ObjectNode first = decoder.decode(record(0, wire(7, order(1))));
      decoder.decode(record(1, wire(7, order(2))));

      assertThat(fetches).hasValue(1);
      assertThat(first.toString())
          .isEqualTo(
              "{\"id\":1,\"Status\":\"PAID\",\"uid\":\"0b0e6b1c-7d46-4a47-9a43-4cfbf1e1c0a1\","
                  + "\"at\":\"01:00\",\"ts\":\"2026-01-01T00:00:00.123Z\",\"day\":\"2026-01-01\","
                  + "\"price\":12.50,\"hash\":\"AQIDBA==\",\"note\":null,\"choice\":{\"string\":\"x\"},"
                  + "\"tags\":[\"a\",\"b\"],\"attrs\":{\"k\":1},\"ratio\":0.1}");
      assertThat(decoder.declaredTypes()).containsKey("status");
      assertThatThrownBy(() -> decoder.decode(record(2, wire(8, order(3)))))
          .isInstanceOf(DecodeException.class)
          .hasMessageContaining("record avro:0@2: no writer schema")
          .hasMessageContaining("404");
      // An outage is not the record's fault: it fails the pipeline instead of dead-lettering.
      assertThatThrownBy(() -> decoder.decode(record(2, wire(9, order(3)))))
          .isInstanceOf(SchemaRegistryClient.RegistryUnavailableException.class)
          .hasMessageContaining("503");
      assertThatThrownBy(() -> decoder.decode(record(3, new byte[] {1, 2, 3, 4, 5, 6})))
          .hasMessageContaining("record avro:0@3 is not in the Confluent wire format");
    } finally {
      registry.stop(0);
    }
  }

  @Test
  void plainAvroWithAFixedSchemaLandsWithDeclaredTypes() throws Exception {
    PipelineHarness harness = new PipelineHarness();
    TableIdentifier orders = TableIdentifier.of(NAMESPACE, "avro_orders");
    PipelineSettings json = harness.settings(RouteSettings.toTable(orders));
    PipelineSettings avro =
        new PipelineSettings(
            json.name(),
            json.route(),
            json.deadLetterTable(),
            json.sourceColumn(),
            json.partitionBy(),
            json.eventTimeField(),
            json.commitInterval(),
            json.maxBufferedBytes(),
            json.maxRecordBytes(),
            json.tableProperties(),
            json.tableOverrides(),
            SourceKind.KAFKA,
            SchemaSettings.defaults(),
            new DecodingSettings(
                DecodingSettings.Format.AVRO, Optional.empty(), Optional.of(SCHEMA)));

    harness.runUntil(
        avro,
        Map.of(P0, List.of(record(0, datum(order(1))), record(1, datum(order(2))))),
        () -> harness.coordinates(orders).size() >= 2);

    Record row = harness.rows(orders).get(0);
    assertThat(harness.catalog().catalog().loadTable(orders).schema().findType("hash").toString())
        .isEqualTo("binary");
    assertThat(row.getField("hash")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    assertThat(row.getField("price")).isEqualTo(new BigDecimal("12.50"));
    assertThat(row.getField("ratio")).isEqualTo(0.1f);
    assertThat(row.getField("day")).hasToString("2026-01-01");
    assertThat(((Record) row.getField("choice")).getField("string")).isEqualTo("x");
    assertThat(row.getField("_rescued_data")).isNull();
  }

  private static GenericRecord order(long id) {
    Schema schema = new Schema.Parser().parse(SCHEMA);
    GenericRecord order = new GenericData.Record(schema);
    order.put("id", id);
    order.put("Status", new GenericData.EnumSymbol(schema.getField("Status").schema(), "PAID"));
    order.put("uid", "0b0e6b1c-7d46-4a47-9a43-4cfbf1e1c0a1");
    order.put("at", 3_600_000);
    order.put("ts", 1_767_225_600_123L);
    order.put("day", 20_454);
    Schema priceSchema = schema.getField("price").schema();
    order.put(
        "price",
        new Conversions.DecimalConversion()
            .toBytes(new BigDecimal("12.50"), priceSchema, LogicalTypes.decimal(10, 2)));
    order.put(
        "hash", new GenericData.Fixed(schema.getField("hash").schema(), new byte[] {1, 2, 3, 4}));
    order.put("note", null);
    order.put("choice", "x");
    order.put("tags", List.of("a", "b"));
    order.put("attrs", Map.of("k", 1L));
    order.put("ratio", 0.1f);
    return order;
  }

  private static byte[] datum(GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] wire(int schemaId, GenericRecord record) throws Exception {
    byte[] datum = datum(record);
    return ByteBuffer.allocate(5 + datum.length).put((byte) 0).putInt(schemaId).put(datum).array();
  }

  private static SourceRecord record(long offset, byte[] value) {
    return new SourceRecord(P0, offset, 1_767_225_600_000L, null, value, Map.of());
  }
}
