package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBenchmarkParts {
  @TempDir Path directory;

  @Test
  void optionsHaveFullRunDefaultsAndRejectUnknownSystems() {
    BenchmarkOptions defaults = BenchmarkOptions.parse(new String[0], "run1");
    assertThat(defaults.systems()).containsExactlyElementsOf(BenchmarkOptions.ALL_SYSTEMS);
    assertThat(defaults.records()).isEqualTo(600_000);
    assertThat(defaults.freshnessDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.workDirectory()).isEqualTo(Path.of("bench/target/run/run1"));

    BenchmarkOptions small =
        BenchmarkOptions.parse(new String[] {"--systems=inferred,limit", "--records=1_000"}, "r");
    assertThat(small.systems()).containsExactly("inferred", "limit");
    assertThat(small.records()).isEqualTo(1000);

    assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--systems=spark"}, "r"))
        .hasMessageContaining("unknown system 'spark'");
    assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--systems=given"}, "r"))
        .hasMessageContaining("'given' needs 'inferred'");
  }

  @Test
  void peakHeapIsTheLargestOccupancyBeforeACollection() throws Exception {
    Path log = directory.resolve("gc.log");
    Files.writeString(
        log,
        """
        [0.5s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.3ms
        [1.5s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 612M->80M(1024M) 9.1ms
        [2.5s][info][gc] GC(2) Pause Full (G1 Compaction Pause) 1G->200M(1024M) 90.0ms
        """);
    assertThat(MeasuredProcess.peakHeapBytes(log)).hasValue(1L << 30);
    assertThat(MeasuredProcess.peakHeapBytes(directory.resolve("none.log"))).isEmpty();
  }

  @Test
  void compactionThroughputPairsEachRewriteWithItsCommit() throws Exception {
    Path log = directory.resolve("service.log");
    Files.writeString(
        log,
        """
        2026-11-21 08:00:00,000 INFO  [io.tributary.compaction.CompactionRunner] (table-maintenance) Rewriting 10 files (20000000 bytes) of t partition {day=1}
        2026-11-21 08:00:01,000 INFO  [io.tributary.compaction.CompactionRunner] (table-maintenance) Committing the rewrite of t partition {day=1} into 1 files
        2026-11-21 08:00:02,000 INFO  [io.tributary.compaction.CompactionRunner] (table-maintenance) Compacted 10 files (20000000 bytes) into 1 in t partition {day=1}
        2026-11-21 08:00:05,000 INFO  [io.tributary.compaction.CompactionRunner] (table-maintenance) Rewriting 5 files (10000000 bytes) of t partition {day=2}
        2026-11-21 08:00:06,000 INFO  [io.tributary.compaction.CompactionRunner] (table-maintenance) Compacted 5 files (10000000 bytes) into 1 in t partition {day=2}
        """);
    CompactionLog.Throughput throughput = CompactionLog.read(log);
    assertThat(throughput.rewrites()).isEqualTo(2);
    assertThat(throughput.bytes()).isEqualTo(30_000_000);
    assertThat(throughput.busy()).isEqualTo(Duration.ofSeconds(3));
    assertThat(throughput.megabytesPerSecond()).isEqualTo(10.0);
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
    assertThat(FreshnessProbe.percentile(sorted, 0.5)).isEqualTo(0.5);
    assertThat(FreshnessProbe.percentile(sorted, 0.99)).isEqualTo(1.0);
    assertThat(FreshnessProbe.percentile(new long[0], 0.5)).isNaN();
  }

  @Test
  void limitWriterEncodesGeneratedEventsIntoTheFixedSchema() throws Exception {
    Path file = directory.resolve("events.parquet");
    EventGenerator generator = new EventGenerator(42, Instant.parse("2026-11-21T00:00:00Z"));
    ObjectMapper json = new ObjectMapper();
    try (ParquetWriter<JsonNode> writer =
        new ParquetLimit.Builder(new LocalOutputFile(file))
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .build()) {
      for (int i = 0; i < 100; i++) {
        writer.write(json.readTree(EventGenerator.bytes(generator.next())));
      }
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      assertThat(reader.getRecordCount()).isEqualTo(100);
      assertThat(reader.getFileMetaData().getSchema()).isEqualTo(ParquetLimit.SCHEMA);
    }
  }
}
