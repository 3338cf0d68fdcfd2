package io.tributary.ingest.kinesis;

import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourcePosition;
import io.tributary.ingest.source.SourceRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Replays through GetShardIterator/GetRecords, de-aggregating KPL records as the KCL does. */
final class KinesisShardReplay implements ShardReplay {
  private static final int MAX_EMPTY_READS = 20;

  private final KinesisAsyncClient kinesis;
  private final AggregatorUtil aggregation = new AggregatorUtil();
  private final Map<SourcePartition, HashKeyRange> hashKeyRanges = new HashMap<>();

  KinesisShardReplay(KinesisAsyncClient kinesis) {
    this.kinesis = kinesis;
  }

  private HashKeyRange hashKeyRange(SourcePartition shard) {
    return hashKeyRanges.computeIfAbsent(
        shard,
        ignored ->
            kinesis
                .listShards(request -> request.streamName(shard.stream()))
                .join()
                .shards()
                .stream()
                .filter(candidate -> candidate.shardId().equals(shard.partition()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no shard " + shard))
                .hashKeyRange());
  }

  @Override
  public List<SourceRecord> read(
      SourcePartition shard,
      Optional<SourcePosition> after,
      SourcePosition from,
      SourcePosition through) {
    // AT the sequence number, not AFTER: records de-aggregated from one KPL record share it, and
    // the ones after the sub-sequence are still wanted.
    SourcePosition start = after.orElse(from);
    String iterator =
        kinesis
            .getShardIterator(
                request ->
                    request
                        .streamName(shard.stream())
                        .shardId(shard.partition())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(start.sequence().toString()))
            .join()
            .shardIterator();
    List<SourceRecord> replayed = new ArrayList<>();
    int emptyReads = 0;
    while (iterator != null && emptyReads < MAX_EMPTY_READS) {
      String current = iterator;
      GetRecordsResponse response =
          kinesis.getRecords(request -> request.shardIterator(current).limit(1000)).join();
      List<KinesisClientRecord> records = new ArrayList<>();
      for (Record record : response.records()) {
        records.add(KinesisClientRecord.fromRecord(record));
      }
      HashKeyRange range = hashKeyRange(shard);
      // Only the sub-records hashing into this shard, as the KCL delivers them.
      for (KinesisClientRecord record :
          aggregation.deaggregate(
              records,
              new BigInteger(range.startingHashKey()),
              new BigInteger(range.endingHashKey()))) {
        SourceRecord sourceRecord = ShardProcessor.toSourceRecord(shard, record);
        SourcePosition position = sourceRecord.position();
        if (position.isAfter(through)) {
          return replayed;
        }
        boolean wanted =
            after.map(position::isAfter).orElseGet(() -> position.compareTo(from) >= 0);
        if (wanted) {
          replayed.add(sourceRecord);
        }
        if (position.equals(through)) {
          return replayed;
        }
      }
      emptyReads = response.records().isEmpty() ? emptyReads + 1 : 0;
      iterator = response.nextShardIterator();
    }
    throw new IllegalStateException(
        "cannot re-read "
            + shard
            + " from "
            + start
            + " through "
            + through
            + ": shard ended early");
  }
}
