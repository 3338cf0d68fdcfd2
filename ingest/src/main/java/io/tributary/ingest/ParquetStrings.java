package io.tributary.ingest;

import org.apache.avro.util.Utf8;

/**
 * String values of rows about to be written to Parquet. Iceberg's Parquet writer takes an Avro
 * {@link Utf8} as the UTF-8 bytes it already is, while a {@link String} becomes a ByteBuffer-backed
 * binary whose hashing and comparison dominated the dictionary encoding and column statistics of
 * every string column in profiles. Readers and partition transforms accept any {@link
 * CharSequence}.
 */
final class ParquetStrings {
  private ParquetStrings() {}

  static CharSequence of(String value) {
    return value == null ? null : new Utf8(value);
  }
}
