package io.tributary.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.bench.EventGenerator;
import io.tributary.ingest.source.SourceKind;
import io.tributary.ingest.source.SourcePartition;
import io.tributary.ingest.source.SourceRecord;
import io.tributary.schema.FieldHint;
import io.tributary.schema.FieldProfiles;
import io.tributary.schema.ObservedStruct;
import io.tributary.schema.SchemaChanges;
import io.tributary.schema.SchemaPlanner;
import io.tributary.schema.SchemaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * What schema on read costs: the same 1 KB events through decode and convert with the schema given
 * up front, and through decode, inference over each commit batch, planning, field profiles and
 * convert. Prints records per CPU-second of the pipeline thread for each (median of several runs
 * after a warm-up; garbage collection runs on other threads and is not counted). Run with {@code
 * bench/inference-cost}; a benchmark, not a test.
 */
@SuppressWarnings("checkstyle:regexp")
public final class InferenceCost {
  private static final int EVENTS = 100_000;
  private static final int BATCH = 10_000;
  private static final int RUNS = 7;
  // Other builds share this machine: thread CPU time, unlike wall time, is not stretched by them.
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private InferenceCost() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : EVENTS;
    SourcePartition partition = SourcePartition.kafka("orders", 0);
    EventGenerator generator = new EventGenerator(42, Instant.parse("2026-01-01T00:00:00Z"));
    List<SourceRecord> records = new ArrayList<>(events);
    long bytes = 0;
    for (int i = 0; i < events; i++) {
      String json = new String(EventGenerator.bytes(generator.next()), StandardCharsets.UTF_8);
      records.add(
          new SourceRecord(
              partition,
              i,
              System.currentTimeMillis(),
              null,
              json.getBytes(StandardCharsets.UTF_8),
              Map.of()));
      bytes += json.length();
    }
    SchemaSettings settings =
        SchemaSettings.defaults()
            .withHints(Map.of("event_time", FieldHint.of(Types.TimestampType.withZone())));
    Schema given = inferOnce(records, settings);
    System.out.printf(
        "%d events, %d bytes each on average, batches of %d%n", events, bytes / events, BATCH);

    double[] withSchema = new double[RUNS];
    double[] inferred = new double[RUNS];
    double[] inferredAndProfiled = new double[RUNS];
    // Warm-up, then alternate the modes so that machine load hits them alike.
    givenSchema(records, given, settings);
    inferred(records, settings, false);
    inferred(records, settings, true);
    for (int run = 0; run < RUNS; run++) {
      withSchema[run] = givenSchema(records, given, settings);
      inferred[run] = inferred(records, settings, false);
      inferredAndProfiled[run] = inferred(records, settings, true);
    }
    double base = median(withSchema);
    System.out.printf("schema given up front:        %,10.0f records per CPU-second%n", base);
    report("inferred per batch:", median(inferred), base);
    report("inferred + sampled profiles:", median(inferredAndProfiled), base);
  }

  private static void report(String label, double rate, double base) {
    System.out.printf(
        "%-30s%,10.0f records per CPU-second (%.1f%% below schema given)%n",
        label, rate, 100 * (base - rate) / base);
  }

  private static double givenSchema(
      List<SourceRecord> records, Schema schema, SchemaSettings settings) {
    JsonDecoder decoder = new JsonDecoder(1 << 20);
    RowConverter converter = new RowConverter(schema, settings, path -> {});
    long start = CPU.getCurrentThreadCpuTime();
    long sink = 0;
    for (int from = 0; from < records.size(); from += BATCH) {
      List<SourceRecord> batch = records.subList(from, Math.min(records.size(), from + BATCH));
      // The pipeline buffers decoded records until the commit whether or not it infers.
      List<ObjectNode> decoded = new ArrayList<>(batch.size());
      for (SourceRecord record : batch) {
        decoded.add(decode(decoder, record));
      }
      for (int i = 0; i < batch.size(); i++) {
        sink += converter.convert(decoded.get(i), batch.get(i)).size();
      }
    }
    return rate(records.size(), start, sink);
  }

  private static double inferred(
      List<SourceRecord> records, SchemaSettings settings, boolean profile) {
    JsonDecoder decoder = new JsonDecoder(1 << 20);
    SchemaPlanner planner = new SchemaPlanner(settings);
    FieldProfiles profiles = new FieldProfiles(2_000, settings.maxDepth());
    Schema schema = new Schema(SystemColumns.initialColumns(true, SourceKind.KAFKA));
    long start = CPU.getCurrentThreadCpuTime();
    long sink = 0;
    for (int from = 0; from < records.size(); from += BATCH) {
      List<SourceRecord> batch = records.subList(from, Math.min(records.size(), from + BATCH));
      // As the pipeline does: decode while buffering, infer over the batch, then convert.
      List<ObjectNode> decoded = new ArrayList<>(batch.size());
      ObservedStruct observed = new ObservedStruct(settings);
      long now = System.currentTimeMillis();
      int stride = SchemaOnRead.profileStride(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        ObjectNode json = decode(decoder, batch.get(i));
        decoded.add(json);
        observed.observe(json);
        if (profile && i % stride == 0) {
          profiles.observe(json, now);
        }
      }
      Types.StructType observedType =
          observed.toStructType().map(Type::asStructType).orElse(Types.StructType.of());
      SchemaChanges changes = planner.changes(schema.asStruct(), observedType, observed.presence());
      if (!changes.isEmpty()) {
        schema = withAdditions(schema, changes);
      }
      RowConverter converter = new RowConverter(schema, settings, profiles::rescued);
      for (int i = 0; i < batch.size(); i++) {
        sink += converter.convert(decoded.get(i), batch.get(i)).size();
      }
    }
    return rate(records.size(), start, sink);
  }

  private static Schema inferOnce(List<SourceRecord> records, SchemaSettings settings) {
    JsonDecoder decoder = new JsonDecoder(1 << 20);
    ObservedStruct observed = new ObservedStruct(settings);
    records.forEach(record -> observed.observe(decode(decoder, record)));
    Schema schema = new Schema(SystemColumns.initialColumns(true, SourceKind.KAFKA));
    return withAdditions(
        schema,
        new SchemaPlanner(settings)
            .changes(schema.asStruct(), observed.toStructType().orElseThrow().asStructType()));
  }

  /** Top-level additions only, which is all a first batch of these events needs. */
  private static Schema withAdditions(Schema schema, SchemaChanges changes) {
    List<Types.NestedField> fields = new ArrayList<>(schema.columns());
    changes
        .additions()
        .forEach(
            addition ->
                fields.add(
                    Types.NestedField.optional(
                        0, addition.name(), addition.type(), addition.doc().orElse(null))));
    AtomicInteger ids = new AtomicInteger(20_000);
    return new Schema(
        TypeUtil.assignFreshIds(Types.StructType.of(fields), ids::incrementAndGet)
            .asStructType()
            .fields());
  }

  private static ObjectNode decode(JsonDecoder decoder, SourceRecord record) {
    try {
      return decoder.decode(record);
    } catch (DecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double rate(int records, long startNanos, long sink) {
    double seconds = (CPU.getCurrentThreadCpuTime() - startNanos) / 1e9;
    if (sink < 0) {
      throw new IllegalStateException("unreachable: keeps the work from being optimized away");
    }
    return records / seconds;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
