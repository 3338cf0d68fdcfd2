package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** What one system did with the same preloaded records. */
record SystemResult(
    String system,
    long records,
    long bytes,
    double wallSeconds,
    double startupSeconds,
    double cpuSeconds,
    double startupCpuSeconds,
    OptionalLong peakHeapBytes,
    long peakResidentBytes,
    long dataFiles,
    String note) {
  SystemResult {
    requireNonNull(system, "system is null");
    requireNonNull(peakHeapBytes, "peakHeapBytes is null");
    requireNonNull(note, "note is null");
  }

  double recordsPerSecond() {
    return records / wallSeconds;
  }

  /** Records per second once the process was ready: its sustained rate. */
  double recordsPerSecondAfterStartup() {
    return records / (wallSeconds - startupSeconds);
  }

  double megabytesPerSecond() {
    return bytes / wallSeconds / 1e6;
  }

  double cpuSecondsPerMillionRecords() {
    return cpuSeconds / records * 1e6;
  }

  double recordsPerCpuSecond() {
    return records / cpuSeconds;
  }

  /** Records per CPU second once the process was ready: the cost of the work, not of starting. */
  double recordsPerCpuSecondAfterStartup() {
    return records / (cpuSeconds - startupCpuSeconds);
  }
}
