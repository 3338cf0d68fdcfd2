package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit rounds read from a service log: every round with rows logs "Commit round ...: n rows in m
 * ms" (writing and committing every table of the round), and every table of it "Committing n rows
 * in f files to t".
 */
final class CommitRoundLog {
  private static final Pattern ROUND =
      Pattern.compile("Commit round \\S+ of pipeline \\S+: \\d+ rows in (\\d+) ms");
  private static final Pattern TABLE =
      Pattern.compile("Committing (\\d+) rows in (\\d+) files to ");

  /** Round durations and files per table commit; NaN when the log had no round. */
  record Rounds(long rounds, double p50Seconds, double p99Seconds, double filesPerTableCommit) {}

  private CommitRoundLog() {}

  static Rounds read(Path log) throws IOException {
    List<Long> millis = new ArrayList<>();
    long tableCommits = 0;
    long files = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher round = ROUND.matcher(line);
      if (round.find()) {
        millis.add(Long.parseLong(round.group(1)));
        continue;
      }
      Matcher table = TABLE.matcher(line);
      if (table.find() && Long.parseLong(table.group(1)) > 0) {
        tableCommits++;
        files += Long.parseLong(table.group(2));
      }
    }
    Collections.sort(millis);
    return new Rounds(
        millis.size(),
        percentile(millis, 0.50),
        percentile(millis, 0.99),
        tableCommits == 0 ? Double.NaN : (double) files / tableCommits);
  }

  private static double percentile(List<Long> sorted, double fraction) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(fraction * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }
}
