package io.tributary.service.rest;

import io.tributary.ingest.PipelineStatus;
import java.time.Instant;
import java.util.List;

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
    String lastError,
    List<TableStatusView> tables) {
  static PipelineView of(String name, PipelineStatus status) {
    return new PipelineView(
        name,
        status.state().name(),
        status.recordsRead(),
        status.rowsCommitted(),
        status.deadLetters(),
        status.commits(),
        status.bufferedBytes(),
        status.lastCommit().orElse(null),
        status.lastError().orElse(null),
        status.tables().stream().map(TableStatusView::of).toList());
  }
}
