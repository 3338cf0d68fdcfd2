package io.tributary.service.rest;

import io.tributary.ingest.DriftEvent;
import java.time.Instant;
import java.util.List;

/** One schema change of a table, from the drift ledger. */
public record DriftEventView(
    String eventId,
    String pipeline,
    Integer schemaIdBefore,
    int schemaIdAfter,
    List<SchemaDiffView.FieldChangeView> changes,
    List<String> capped,
    boolean suspect,
    String sourcePosition,
    String sample,
    Instant time,
    String transformsVersion) {
  static DriftEventView of(DriftEvent event) {
    return new DriftEventView(
        event.eventId(),
        event.pipeline(),
        event.schemaIdBefore().orElse(null),
        event.schemaIdAfter(),
        event.changes().stream()
            .map(change -> SchemaDiffView.FieldChangeView.of(null, change))
            .toList(),
        event.capped(),
        event.suspect(),
        event.sourcePosition(),
        event.sample(),
        event.time(),
        event.transformsVersion().orElse(null));
  }

  /** One page of events, oldest first. */
  public record Page(int page, int size, int total, List<DriftEventView> events) {}
}
