package io.tributary.ingest.source;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * A record's place within its partition: a Kafka offset, or a Kinesis sequence number (a decimal of
 * up to about 56 digits) with the sub-sequence that tells apart the user records de-aggregated from
 * one KPL record. Ordered by sequence, then sub-sequence.
 *
 * <p>The text form, kept in snapshot summaries, is the plain sequence when the sub-sequence is 0,
 * so Kafka offsets read and write exactly as they always have; otherwise {@code
 * sequence/subSequence}.
 */
public record SourcePosition(BigInteger sequence, long subSequence)
    implements Comparable<SourcePosition> {
  private static final Comparator<SourcePosition> ORDER =
      Comparator.comparing(SourcePosition::sequence).thenComparingLong(SourcePosition::subSequence);

  public SourcePosition {
    requireNonNull(sequence, "sequence is null");
    if (sequence.signum() < 0 || subSequence < 0) {
      throw new IllegalArgumentException("negative position " + sequence + "/" + subSequence);
    }
  }

  /** A Kafka offset. */
  public static SourcePosition offset(long offset) {
    return new SourcePosition(BigInteger.valueOf(offset), 0);
  }

  /** A Kinesis sequence number, with the sub-sequence of a de-aggregated record (else 0). */
  public static SourcePosition kinesis(String sequenceNumber, long subSequence) {
    requireNonNull(sequenceNumber, "sequenceNumber is null");
    return new SourcePosition(new BigInteger(sequenceNumber), subSequence);
  }

  /** Reads the form written by {@link #toString()}. */
  public static SourcePosition parse(String text) {
    requireNonNull(text, "text is null");
    try {
      int slash = text.indexOf('/');
      if (slash < 0) {
        return new SourcePosition(new BigInteger(text), 0);
      }
      return new SourcePosition(
          new BigInteger(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid source position '" + text + "'", e);
    }
  }

  /** This position as a Kafka offset. */
  public long offset() {
    if (subSequence != 0) {
      throw new IllegalStateException("position " + this + " is not a Kafka offset");
    }
    return sequence.longValueExact();
  }

  public boolean isAfter(SourcePosition other) {
    return compareTo(other) > 0;
  }

  public static SourcePosition max(SourcePosition left, SourcePosition right) {
    return left.compareTo(right) >= 0 ? left : right;
  }

  public static SourcePosition min(SourcePosition left, SourcePosition right) {
    return left.compareTo(right) <= 0 ? left : right;
  }

  @Override
  public int compareTo(SourcePosition other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return subSequence == 0 ? sequence.toString() : sequence + "/" + subSequence;
  }
}
