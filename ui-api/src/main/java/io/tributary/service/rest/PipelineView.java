package io.tributary.service.rest;

import io.tributary.ingest.PipelineStatus;
import io.tributary.service.security.SecretValues;
import java.time.Instant;

/** A pipeline as the admin API shows it. */
public record PipelineView(
    String name,
    String state,
    long recordsRead,
    long rowsCommitted,
    long deadLetters,
    long commits,
    long bufferedBytes,
    Instant lastCommit,
    String lastError) {
  /** The view of a pipeline; its error text passes through the redaction of secrets. */
  static PipelineView of(String name, PipelineStatus status, SecretValues secrets) {
    return new PipelineView(
        name,
        status.state().name(),
        status.recordsRead(),
        status.rowsCommitted(),
        status.deadLetters(),
        status.commits(),
        status.bufferedBytes(),
        status.lastCommit().orElse(null),
        secrets.redact(status.lastError().orElse(null)));
  }
}
