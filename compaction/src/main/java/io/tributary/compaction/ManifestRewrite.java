package io.tributary.compaction;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Merges small data manifests once they pile up. Every streaming commit adds a manifest, and query
 * planning reads all of them; appends merge manifests only at a high count, so maintenance keeps
 * the number low between those merges.
 */
public final class ManifestRewrite {
  private final int minSmallManifests;

  public ManifestRewrite(int minSmallManifests) {
    if (minSmallManifests < 2) {
      throw new IllegalArgumentException(
          "rewriting manifests needs at least 2 small manifests: " + minSmallManifests);
    }
    this.minSmallManifests = minSmallManifests;
  }

  /** Rewrites the table's small data manifests when there are enough; returns how many. */
  public int rewrite(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return 0;
    }
    long smallBelow =
        PropertyUtil.propertyAsLong(
                table.properties(),
                TableProperties.MANIFEST_TARGET_SIZE_BYTES,
                TableProperties.MANIFEST_TARGET_SIZE_BYTES_DEFAULT)
            / 2;
    int small =
        (int)
            current.dataManifests(table.io()).stream()
                .filter(manifest -> manifest.length() < smallBelow)
                .count();
    if (small < minSmallManifests) {
      return 0;
    }
    // One cluster per spec: the rewrite only concatenates entries into manifests of the target
    // size, which is what scan planning wants from a stream of time-ordered appends.
    table
        .rewriteManifests()
        .rewriteIf(manifest -> isSmallData(manifest, smallBelow))
        .clusterBy(ManifestRewrite::specOf)
        .commit();
    return small;
  }

  private static boolean isSmallData(ManifestFile manifest, long smallBelow) {
    return manifest.content() == ManifestContent.DATA && manifest.length() < smallBelow;
  }

  private static Object specOf(DataFile file) {
    return file.specId();
  }
}
