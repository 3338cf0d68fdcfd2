package io.tributary.catalog;

import java.net.URL;
import java.util.function.Supplier;

/**
 * Runs Parquet file writing and reading without Hadoop's default configuration files.
 *
 * <p>Iceberg's Parquet writer and reader build a fresh Hadoop {@code Configuration} for every file
 * that is not on a Hadoop file system (every S3FileIO file), and the first property set on it
 * parses {@code core-default.xml} and every other registered default file (about 20 ms of CPU per
 * file, more once the Hive Metastore client has registered its own). A commit round writing
 * hundreds of partitions spent most of its time there. Nothing we write or read with them needs
 * those files: Parquet and its codecs read their settings with defaults in code, and the table's
 * properties reach the writer as Iceberg write properties. A {@code Configuration} looks its
 * default files up through the thread's context class loader when it is created, so hiding them
 * from that loader for the duration of the work makes each of those configurations start empty, at
 * no cost. Configurations built elsewhere (the Hive Metastore client's) are untouched.
 */
public final class HadoopDefaultResources {
  private static final ClassLoader HIDING =
      new ClassLoader(HadoopDefaultResources.class.getClassLoader()) {
        @Override
        public URL getResource(String name) {
          return isDefaultFile(name) ? null : super.getResource(name);
        }
      };

  private HadoopDefaultResources() {}

  /**
   * Hadoop's own default files, and those that other clients register for every configuration (the
   * Hive Metastore client adds {@code hdfs-default.xml}, {@code hive-site.xml} and more).
   */
  static boolean isDefaultFile(String name) {
    return !name.contains("/") && (name.endsWith("-default.xml") || name.endsWith("-site.xml"));
  }

  /** Runs the work with Hadoop's default files hidden from configurations it creates. */
  public static <T> T hidden(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(HIDING);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
