package io.tributary.compaction;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes files under a table's location that no snapshot references: leftovers of writes whose
 * commit failed, or of a process killed mid-commit. Only files older than a safety age go, longer
 * than any commit can take, so a file written for a commit still in flight is never touched.
 */
public final class OrphanFileSweep {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanFileSweep.class);

  private final Duration safetyAge;

  public OrphanFileSweep(Duration safetyAge) {
    this.safetyAge = requireNonNull(safetyAge, "safetyAge is null");
    if (safetyAge.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException(
          "orphan safety age must be at least a minute: " + safetyAge);
    }
  }

  /** Returns how many files were deleted; zero when the table's storage cannot list files. */
  public int sweep(Table table, long nowMillis) {
    if (!(table.io() instanceof SupportsPrefixOperations listing)) {
      LOG.debug("The FileIO of {} cannot list files; no orphan sweep", table.name());
      return 0;
    }
    return sweep(table, table.io(), listing, nowMillis);
  }

  int sweep(Table table, FileIO io, SupportsPrefixOperations listing, long nowMillis) {
    Set<String> referenced = referenced(table);
    long olderThan = nowMillis - safetyAge.toMillis();
    int deleted = 0;
    // The trailing slash matters: "t" is a prefix of the sibling table "t__dead_letter" too.
    String prefix = table.location().endsWith("/") ? table.location() : table.location() + "/";
    for (FileInfo file : listing.listPrefix(prefix)) {
      if (file.createdAtMillis() < olderThan && !referenced.contains(normalize(file.location()))) {
        io.deleteFile(file.location());
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.info("Deleted {} orphan files of {}", deleted, table.name());
    }
    return deleted;
  }

  private static Set<String> referenced(Table table) {
    Set<String> referenced = new HashSet<>();
    // Not recursive: older metadata files are deleted after commit, and following their logs would
    // only fail to read them. Iceberg's own orphan removal does the same.
    ReachableFileUtil.metadataFileLocations(table, false)
        .forEach(path -> referenced.add(normalize(path)));
    referenced.add(normalize(ReachableFileUtil.versionHintLocation(table)));
    ReachableFileUtil.manifestListLocations(table).forEach(path -> referenced.add(normalize(path)));
    ReachableFileUtil.statisticsFilesLocations(table)
        .forEach(path -> referenced.add(normalize(path)));
    // Snapshots share most of their manifests: each is read once.
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        if (manifestsRead.add(manifest.path())) {
          referenced.add(normalize(manifest.path()));
          filesOf(table, manifest).forEach(path -> referenced.add(normalize(path)));
        }
      }
    }
    return referenced;
  }

  /** Data or delete files of a manifest: tables written by other engines may hold deletes. */
  private static List<String> filesOf(Table table, ManifestFile manifest) {
    List<String> paths = new ArrayList<>();
    try (ManifestReader<? extends ContentFile<?>> reader =
        manifest.content() == ManifestContent.DELETES
            ? ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())
            : ManifestFiles.read(manifest, table.io(), table.specs())) {
      reader.select(List.of("file_path")).forEach(file -> paths.add(file.location()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read manifest " + manifest.path(), e);
    }
    return paths;
  }

  /** The same object is {@code s3://}, {@code s3a://} or {@code s3n://} depending on the writer. */
  static String normalize(String location) {
    return location.replaceFirst("^s3[an]://", "s3://");
  }
}
