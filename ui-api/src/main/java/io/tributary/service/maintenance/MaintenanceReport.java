package io.tributary.service.maintenance;

import io.tributary.compaction.FileLayout;
import java.time.Instant;

/**
 * What maintenance did to one table since the service started, and the table's file layout at the
 * last run; counters count this replica's work. {@code maintainer} is the replica holding the
 * table's maintenance lease when this replica last looked, {@code maintainedHere} whether that is
 * this replica now.
 */
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
    long manifestsRewritten,
    long dataFiles,
    FileLayout layout,
    String lastError,
    String maintainer,
    boolean maintainedHere) {
  /** The same report with its error text passed through a redaction, for showing it. */
  public MaintenanceReport withLastError(java.util.function.UnaryOperator<String> redaction) {
    return new MaintenanceReport(
        table,
        lastRun,
        compactionsCommitted,
        filesRemoved,
        filesAdded,
        bytesRewritten,
        conflicts,
        snapshotsExpired,
        orphanFilesRemoved,
        manifestsRewritten,
        dataFiles,
        layout,
        redaction.apply(lastError),
        maintainer,
        maintainedHere);
  }

  public static MaintenanceReport initial(String table) {
    return new MaintenanceReport(
        table, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, FileLayout.empty(), null, null, false);
  }

  MaintenanceReport failed(Instant when, String error) {
    return new MaintenanceReport(
        table,
        when,
        compactionsCommitted,
        filesRemoved,
        filesAdded,
        bytesRewritten,
        conflicts,
        snapshotsExpired,
        orphanFilesRemoved,
        manifestsRewritten,
        dataFiles,
        layout,
        error,
        maintainer,
        maintainedHere);
  }

  MaintenanceReport maintainedBy(String holder, boolean here) {
    return new MaintenanceReport(
        table,
        lastRun,
        compactionsCommitted,
        filesRemoved,
        filesAdded,
        bytesRewritten,
        conflicts,
        snapshotsExpired,
        orphanFilesRemoved,
        manifestsRewritten,
        dataFiles,
        layout,
        lastError,
        holder,
        here);
  }
}
