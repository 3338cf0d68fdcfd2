package io.tributary.ingest.source;

/** The kind of stream a pipeline reads, which fixes the shape of the {@code _source} column. */
public enum SourceKind {
  KAFKA,
  KINESIS
}
