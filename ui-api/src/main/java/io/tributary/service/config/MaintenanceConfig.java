package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Compaction and snapshot expiry of every pipeline's tables, beside ingestion. */
public interface MaintenanceConfig {
  /** Whether the service compacts and expires its tables. */
  @WithDefault("true")
  boolean enabled();

  /** Time between maintenance runs over all tables. */
  @WithDefault("1m")
  Duration interval();

  /**
   * How long a replica's lease on a table's maintenance lasts without renewal; three times {@code
   * interval} when unset. Each table is maintained by the one replica holding its lease; when it
   * dies, another takes over within {@code lease-duration + 2 x min(interval, lease-duration / 4)}.
   */
  Optional<@DurationMin(seconds = 1) Duration> leaseDuration();

  /** The size compaction aims for. */
  @WithDefault("128MB")
  ByteCount targetFileSize();

  /** A file below this fraction of the target size is small. */
  @WithDefault("0.75")
  @DecimalMin("0.01")
  @DecimalMax("1.0")
  double smallFileRatio();

  /** A partition still being written is compacted once it holds this many small files. */
  @WithDefault("10")
  @Min(2)
  int hotPartitionMaxSmallFiles();

  /** A partition not written for this long is cold and compacted completely. */
  @WithDefault("10m")
  Duration coldAfter();

  /** Input bytes compaction rewrites per minute at most, so ingestion keeps its throughput. */
  @WithDefault("1GB")
  ByteCount maxBytesPerMinute();

  /** File groups rewritten at once; each holds a Parquet writer's buffers in memory. */
  @WithDefault("1")
  @Min(1)
  int threads();

  /** Small data manifests (below half the manifest target size) that trigger a manifest rewrite. */
  @WithDefault("20")
  @Min(2)
  int manifestRewriteMinCount();

  /** Snapshots older than this expire (never the ones holding the latest source positions). */
  @WithDefault("1h")
  Duration snapshotMaxAge();

  /** Snapshots always kept, however old. */
  @WithDefault("5")
  @Min(1)
  int minSnapshots();

  /** Positions of partitions not written for this long stop holding snapshots back. */
  @WithDefault("7d")
  Duration positionRetention();

  /**
   * Unreferenced files younger than this are never deleted. Keep it well above the slowest commit
   * (at least a minute is enforced), so a file written for a commit still in flight survives.
   */
  @WithDefault("1d")
  @DurationMin(minutes = 1)
  Duration orphanSafetyAge();

  /** Time between orphan sweeps of a table; a sweep lists every file under the table. */
  @WithDefault("1h")
  Duration orphanSweepInterval();
}
