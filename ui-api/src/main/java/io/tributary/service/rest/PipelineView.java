package io.tributary.service.rest;

import io.tributary.ingest.PipelineStatus;
import io.tributary.service.security.SecretValues;
import java.time.Instant;
import java.util.List;

/** A pipeline as the admin API shows it. */
public record PipelineView(
    String name,
    String state,
    long recordsRead,
    long rowsCommitted,
    long deadLetters,
    long recordsFiltered,
    long commits,
    long bufferedBytes,
    Instant lastCommit,
    String lastError,
    List<TableStatusView> tables) {
  /** The view of a pipeline; its error texts pass through the redaction of secrets. */
  static PipelineView of(String name, PipelineStatus status, SecretValues secrets) {
    return new PipelineView(
        name,
        status.state().name(),
        status.recordsRead(),
        status.rowsCommitted(),
        status.deadLetters(),
        status.recordsFiltered(),
        status.commits(),
        status.bufferedBytes(),
        status.lastCommit().orElse(null),
        secrets.redact(status.lastError().orElse(null)),
        status.tables().stream().map(table -> TableStatusView.of(table, secrets)).toList());
  }
}
