package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class TestAvroEvents {
  private final EventGenerator generator =
      new EventGenerator(7, Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void everyEventEncodesToTheSameValuesInAvro() throws IOException {
    for (int i = 0; i < 200; i++) {
      ObjectNode event = generator.next();

      GenericRecord decoded = decode(AvroEvents.plain(event));

      assertThat(decoded.get("order_id")).isEqualTo(event.get("order_id").longValue());
      assertThat(decoded.get("coupon_code") == null).isEqualTo(event.get("coupon_code").isNull());
      assertThat(decoded.get("total_amount")).isEqualTo(event.get("total_amount").doubleValue());
      GenericRecord address =
          (GenericRecord) ((GenericRecord) decoded.get("customer")).get("address");
      assertThat(address.get("city").toString())
          .isEqualTo(event.path("customer").path("address").path("city").asText());
      assertThat((List<?>) decoded.get("items")).hasSize(event.get("items").size());
    }
  }

  @Test
  void theConfluentFormIsFramedWithTheSchemaId() throws IOException {
    ObjectNode event = generator.next();

    byte[] framed = AvroEvents.confluent(event, 42);

    assertThat(framed[0]).isZero();
    assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(42);
    assertThat(decode(Arrays.copyOfRange(framed, 5, framed.length)).get("order_id"))
        .isEqualTo(event.get("order_id").longValue());
  }

  private static GenericRecord decode(byte[] bytes) throws IOException {
    return new GenericDatumReader<GenericRecord>(AvroEvents.SCHEMA)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }
}
