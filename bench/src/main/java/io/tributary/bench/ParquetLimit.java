package io.tributary.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The physical limit of the job on this machine: one process that only reads the topic, parses the
 * JSON and encodes Parquet (fixed schema, zstd like Iceberg's default) into local files. No schema
 * inference, no Iceberg, no object store.
 *
 * <p>Usage: {@code ParquetLimit <bootstrap> <topic> <records> <output-directory>}; writes {@code
 * limit-result.json} there when done.
 */
public final class ParquetLimit {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          """
          message event {
            optional int64 order_id;
            optional binary order_uuid (STRING);
            optional int64 event_time (TIMESTAMP(MICROS,true));
            optional binary status (STRING);
            optional binary channel (STRING);
            optional binary session_id (STRING);
            optional binary user_agent (STRING);
            optional binary ip_address (STRING);
            optional binary coupon_code (STRING);
            optional boolean gift;
            optional int64 priority;
            optional group customer {
              optional int64 customer_id;
              optional binary email (STRING);
              optional binary loyalty_tier (STRING);
              optional binary signup_date (STRING);
              optional group address {
                optional binary street (STRING);
                optional binary city (STRING);
                optional binary postal_code (STRING);
                optional binary country (STRING);
              }
            }
            optional group items (LIST) {
              repeated group list {
                optional group element {
                  optional binary sku (STRING);
                  optional binary name (STRING);
                  optional int64 quantity;
                  optional double unit_price;
                }
              }
            }
            optional binary currency (STRING);
            optional double total_amount;
            optional double shipping_cost;
            optional double tax_rate;
            optional binary warehouse (STRING);
            optional binary note (STRING);
            optional group _source {
              optional binary topic (STRING);
              optional int32 partition;
              optional int64 offset;
              optional int64 timestamp (TIMESTAMP(MILLIS,true));
              optional binary key;
            }
          }
          """);

  private ParquetLimit() {}

  public static void main(String[] args) throws IOException {
    double startupCpu = cpuSeconds();
    double startupSeconds =
        (System.currentTimeMillis()
                - ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli())
            / 1000.0;
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: ParquetLimit <bootstrap> <topic> <records> <output-directory>");
    }
    String topic = args[1];
    long records = Long.parseLong(args[2]);
    Path output = Path.of(args[3]);
    Files.createDirectories(output);
    ObjectMapper json = new ObjectMapper();
    long bytes = 0;
    long read = 0;
    Path file = output.resolve("limit-0.parquet");
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(args[0]);
        ParquetWriter<JsonNode> writer = writer(file)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (read < records) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofSeconds(1));
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          ObjectNode event = (ObjectNode) json.readTree(record.value());
          ObjectNode source = event.putObject("_source");
          source.put("topic", record.topic());
          source.put("partition", record.partition());
          source.put("offset", record.offset());
          source.put("timestamp", record.timestamp());
          source.put("key", record.key() == null ? null : new String(record.key(), UTF_8));
          writer.write(event);
          bytes += record.serializedValueSize();
          read++;
        }
      }
    }
    ObjectNode result = json.createObjectNode();
    result.put("records", read);
    result.put("bytes", bytes);
    result.put("files", 1);
    result.put("file_bytes", Files.size(file));
    result.put("cpu_seconds", cpuSeconds());
    result.put("startup_cpu_seconds", startupCpu);
    result.put("startup_seconds", startupSeconds);
    result.put("peak_resident_bytes", peakResidentBytes());
    Files.writeString(output.resolve("limit-result.json"), json.writeValueAsString(result));
  }

  private static double cpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
  }

  private static long peakResidentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class));
  }

  private static ParquetWriter<JsonNode> writer(Path file) throws IOException {
    return new Builder(new LocalOutputFile(file))
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .build();
  }

  static final class Builder extends ParquetWriter.Builder<JsonNode, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<JsonNode> getWriteSupport(Configuration configuration) {
      return new JsonEventWriteSupport(SCHEMA);
    }
  }
}
