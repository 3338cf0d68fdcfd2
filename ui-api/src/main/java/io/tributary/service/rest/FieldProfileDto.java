package io.tributary.service.rest;

import io.tributary.schema.FieldProfileView;
import java.time.Instant;
import java.util.Map;

/** A field's profile as the admin API shows it. */
public record FieldProfileDto(
    String path,
    long records,
    double presenceRatio,
    double nullRatio,
    long rescued,
    Map<String, Long> jsonTypes,
    long approximateDistinct,
    String minNumber,
    String maxNumber,
    Instant minTimestamp,
    Instant maxTimestamp,
    Instant firstSeen,
    Instant lastSeen) {
  static FieldProfileDto of(FieldProfileView view) {
    return new FieldProfileDto(
        view.path(),
        view.records(),
        view.presenceRatio(),
        view.nullRatio(),
        view.rescued(),
        view.types(),
        view.distinct(),
        view.minNumber(),
        view.maxNumber(),
        view.minTime(),
        view.maxTime(),
        view.firstSeen(),
        view.lastSeen());
  }
}
