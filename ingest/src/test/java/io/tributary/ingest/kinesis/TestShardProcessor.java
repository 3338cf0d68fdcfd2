package io.tributary.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

class TestShardProcessor {
  private static final SourcePartition SHARD =
      new SourcePartition("clicks", "shardId-000000000007");
  private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

  @Test
  void kplAggregatedRecordsBecomeOneRecordPerUserRecordWithItsSubSequence() throws Exception {
    Messages.AggregatedRecord aggregated =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("user-1")
            .addPartitionKeyTable("user-2")
            .addRecords(userRecord(0, "{\"n\": 0}"))
            .addRecords(userRecord(1, "{\"n\": 1}"))
            .addRecords(userRecord(0, "{\"n\": 2}"))
            .build();
    KinesisClientRecord record =
        KinesisClientRecord.builder()
            .sequenceNumber(SEQUENCE)
            .partitionKey("user-1")
            .approximateArrivalTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
            .data(ByteBuffer.wrap(kplBytes(aggregated.toByteArray())))
            .build();

    List<SourceRecord> records =
        new AggregatorUtil()
            .deaggregate(List.of(record)).stream()
                .map(user -> ShardProcessor.toSourceRecord(SHARD, user))
                .toList();

    assertThat(records)
        .extracting(SourceRecord::position)
        .containsExactly(
            SourcePosition.kinesis(SEQUENCE, 0),
            SourcePosition.kinesis(SEQUENCE, 1),
            SourcePosition.kinesis(SEQUENCE, 2));
    assertThat(records)
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly("user-1", "user-2", "user-1");
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("{\"n\": 0}", "{\"n\": 1}", "{\"n\": 2}");
    assertThat(records.get(2).coordinates())
        .isEqualTo("clicks:shardId-000000000007@" + SEQUENCE + "/2");
    assertThat(records.get(0).timestampMillis()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void aPlainRecordHasSubSequenceZero() {
    KinesisClientRecord record =
        KinesisClientRecord.builder()
            .sequenceNumber(SEQUENCE)
            .partitionKey("k")
            .data(ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)))
            .build();

    SourceRecord source = ShardProcessor.toSourceRecord(SHARD, record);

    assertThat(source.position()).isEqualTo(SourcePosition.kinesis(SEQUENCE, 0));
    assertThat(source.position().toString()).isEqualTo(SEQUENCE);
  }

  private static Messages.Record userRecord(int partitionKeyIndex, String json) {
    return Messages.Record.newBuilder()
        .setPartitionKeyIndex(partitionKeyIndex)
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }

  /** The KPL's wire form: magic bytes, the protobuf message, then its MD5. */
  private static byte[] kplBytes(byte[] message) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(AggregatorUtil.AGGREGATED_RECORD_MAGIC);
    bytes.write(message);
    bytes.write(MessageDigest.getInstance("MD5").digest(message));
    return bytes.toByteArray();
  }
}
