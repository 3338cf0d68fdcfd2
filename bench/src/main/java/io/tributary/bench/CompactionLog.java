package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compaction throughput read from a service log: each rewrite logs "Rewriting n files (b bytes)"
 * when it starts and "Compacted n files (b bytes)" when its commit landed; one maintenance thread
 * runs them one after another, so the pairs follow each other.
 */
final class CompactionLog {
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}).*?(Rewriting|Compacted) \\d+ files \\((\\d+) bytes\\)");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  record Throughput(long rewrites, long bytes, Duration busy) {
    double megabytesPerSecond() {
      return busy.isZero() ? Double.NaN : bytes / 1e6 / (busy.toNanos() / 1e9);
    }
  }

  private CompactionLog() {}

  static Throughput read(Path log) throws IOException {
    long rewrites = 0;
    long bytes = 0;
    Duration busy = Duration.ZERO;
    LocalDateTime started = null;
    for (String line : Files.readAllLines(log)) {
      Matcher matcher = LINE.matcher(line);
      if (!matcher.find()) {
        continue;
      }
      LocalDateTime time = LocalDateTime.parse(matcher.group(1), TIME);
      if (matcher.group(2).equals("Rewriting")) {
        started = time;
      } else if (started != null) {
        rewrites++;
        bytes += Long.parseLong(matcher.group(3));
        busy = busy.plus(Duration.between(started, time));
        started = null;
      }
    }
    return new Throughput(rewrites, bytes, busy);
  }
}
