package io.tributary.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * From records produced to Kafka to answers from Trino: the service runs as a user runs it, against
 * the real local stack.
 */
class EndToEndIT {
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 20_000;

  private final StackClients clients = StackClients.shared();
  private final LocalStack stack = clients.stack();
  private final Trino trino = clients.trino();
  private final Topics topics = clients.topics();

  @Test
  void everyProducedRecordIsQueryableThroughTrino() throws Exception {
    String topic = UniqueNames.of("orders");
    String schema = topic;
    String table = schema + ".orders";
    topics.create(topic, PARTITIONS);

    long idSum = 0;
    BigDecimal amountSum = BigDecimal.ZERO;
    long nameLengthSum = 0;
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    try (KafkaProducer<String, byte[]> producer = topics.producer()) {
      for (int id = 0; id < RECORDS; id++) {
        String name = "customer-" + (id % 977);
        BigDecimal amount = BigDecimal.valueOf(id % 10_000, 2);
        String json =
            """
            {"id": %d, "amount": %s, "event_time": "%s", "customer": {"name": "%s", "tier": "%s"}}"""
                .formatted(
                    id, amount, start.plusSeconds(id * 13L), name, id % 3 == 0 ? "gold" : "basic");
        producer.send(
            new ProducerRecord<>(
                topic, Integer.toString(id), json.getBytes(StandardCharsets.UTF_8)));
        idSum += id;
        amountSum = amountSum.add(amount);
        nameLengthSum += name.length();
      }
      producer.send(
          new ProducerRecord<>(topic, "bad-1", "{not json".getBytes(StandardCharsets.UTF_8)));
      producer.send(
          new ProducerRecord<>(topic, "bad-2", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }

    String config =
        ServiceConfigs.pipeline(stack, stack.kafkaBootstrap(), stack.metastoreUri(), topic, table);
    try (ServiceProcess service = ServiceProcess.start("end-to-end", config).awaitStarted()) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  trino.tableExists(schema, "orders")
                      && ((Number) trino.scalar("SELECT count(*) FROM " + table)).longValue()
                          >= RECORDS);

      List<Object> totals =
          trino
              .query(
                  "SELECT count(*), sum(id), sum(CAST(amount AS decimal(20, 2))),"
                      + " sum(length(customer.name)),"
                      + " count(DISTINCT (_source.partition, _source.offset))"
                      + " FROM "
                      + table)
              .get(0);
      assertThat(((Number) totals.get(0)).longValue()).isEqualTo(RECORDS);
      assertThat(((Number) totals.get(1)).longValue()).isEqualTo(idSum);
      assertThat(new BigDecimal(totals.get(2).toString())).isEqualByComparingTo(amountSum);
      assertThat(((Number) totals.get(3)).longValue()).isEqualTo(nameLengthSum);
      assertThat(((Number) totals.get(4)).longValue())
          .as("distinct source offsets")
          .isEqualTo(RECORDS);

      assertThat(trino.scalar("SELECT count(DISTINCT date(event_time)) FROM " + table))
          .as("rows spread over day partitions of event_time")
          .isEqualTo(4L);

      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  trino.tableExists(schema, "orders__dead_letter")
                      && ((Number) trino.scalar("SELECT count(*) FROM " + table + "__dead_letter"))
                              .longValue()
                          == 2);
      assertThat(trino.query("SELECT error_message FROM " + table + "__dead_letter"))
          .extracting(row -> (String) row.get(0))
          .anySatisfy(message -> assertThat(message).contains(topic).contains("not valid JSON"))
          .anySatisfy(
              message -> assertThat(message).contains(topic).contains("expected an object"));

      assertDataFilesExist(schema, "orders");
    }
  }

  private void assertDataFilesExist(String schema, String table) throws Exception {
    List<List<Object>> files =
        trino.query(
            "SELECT file_path, file_format FROM iceberg." + schema + ".\"" + table + "$files\"");
    assertThat(files).isNotEmpty();
    try (ObjectStore objects = new ObjectStore(stack)) {
      for (List<Object> file : files) {
        URI path = URI.create((String) file.get(0));
        assertThat(file.get(1)).isEqualTo("PARQUET");
        assertThat(path.getScheme()).isEqualTo("s3");
        assertThat(path.getHost()).isEqualTo(stack.bucket());
        assertThat(path.getPath()).endsWith(".parquet");
        assertThat(objects.size(path)).as("size of %s", path).isPositive();
      }
    }
  }
}
