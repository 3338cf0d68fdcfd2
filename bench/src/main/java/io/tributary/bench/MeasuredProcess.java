package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM child process whose own resource use is read from Linux and from its GC log: CPU time
 * (utime + stime of {@code /proc/<pid>/stat}), peak resident set (VmHWM), and peak heap (the
 * largest heap occupancy before a collection, which is where the heap peaks).
 */
final class MeasuredProcess implements AutoCloseable {
  private static final Pattern HEAP_TRANSITION =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final String name;
  private final Process process;
  private final Path gcLog;
  private final Path log;

  private MeasuredProcess(String name, Process process, Path gcLog, Path log) {
    this.name = requireNonNull(name, "name is null");
    this.process = requireNonNull(process, "process is null");
    this.gcLog = requireNonNull(gcLog, "gcLog is null");
    this.log = requireNonNull(log, "log is null");
  }

  /**
   * Starts {@code java <jvmOptions> <arguments>} with a GC log beside the process log in {@code
   * directory}.
   */
  static MeasuredProcess startJava(
      String name,
      Path directory,
      List<String> jvmOptions,
      List<String> arguments,
      Map<String, String> environment) {
    try {
      Files.createDirectories(directory);
      Path gcLog = directory.resolve(name + "-gc.log");
      Path log = directory.resolve(name + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xlog:gc:file=" + gcLog);
      command.addAll(jvmOptions);
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      builder.redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      // A benchmark stopped half-way must not leave services running.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new MeasuredProcess(name, process, gcLog, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Waits until the process log holds a line containing {@code text}. */
  void awaitLogLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(log) || !read(log).contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not log '" + text + "'; see " + log);
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
  }

  boolean logContains(String text) {
    return Files.exists(log) && read(log).contains(text);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      throw new IllegalStateException(name + " did not exit within " + timeout + " " + unit);
    }
    return process.exitValue();
  }

  /** CPU seconds the process used so far, user plus system. */
  double cpuSeconds() {
    String stat = read(Path.of("/proc", Long.toString(pid()), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return (double) ticks / CLOCK_TICKS_PER_SECOND;
  }

  /** The largest resident set so far (VmHWM). */
  long peakResidentBytes() {
    for (String line : read(Path.of("/proc", Long.toString(pid()), "status")).split("\n")) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmHWM for " + name);
  }

  /** The largest heap occupancy seen before a collection, empty if none ran. */
  OptionalLong peakHeapBytes() {
    return peakHeapBytes(gcLog);
  }

  static OptionalLong peakHeapBytes(Path gcLog) {
    if (!Files.exists(gcLog)) {
      return OptionalLong.empty();
    }
    long peak = -1;
    Matcher matcher = HEAP_TRANSITION.matcher(read(gcLog));
    while (matcher.find()) {
      peak = Math.max(peak, bytes(matcher.group(1), matcher.group(2)));
    }
    return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
  }

  private static long bytes(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> value << 10;
      case "M" -> value << 20;
      case "G" -> value << 30;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** SIGTERM, so services commit what they buffered, then SIGKILL after a minute. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
