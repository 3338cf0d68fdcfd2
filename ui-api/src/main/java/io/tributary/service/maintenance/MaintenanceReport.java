package io.tributary.service.maintenance;

import java.time.Instant;

/** What maintenance did to one table since the service started. */
public record MaintenanceReport(
    String table,
    Instant lastRun,
    long compactionsCommitted,
    long filesRemoved,
    long filesAdded,
    long bytesRewritten,
    long conflicts,
    long snapshotsExpired,
    long orphanFilesRemoved,
    long dataFiles,
    String lastError) {}
