package io.tributary.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.source.SourceRecord;
import java.util.Map;
import org.apache.iceberg.types.Type;

/** Turns a record's value into one JSON object, the form inference and placement work on. */
interface RecordDecoder {
  static RecordDecoder of(PipelineSettings settings) {
    return switch (settings.decoding().format()) {
      case JSON -> new JsonDecoder(settings.maxRecordBytes());
      case AVRO -> AvroDecoder.of(settings.decoding());
    };
  }

  ObjectNode decode(SourceRecord record) throws DecodeException;

  /**
   * Column types the records declare (an Avro writer schema), by top-level column name; they act as
   * type hints. Empty for JSON, whose types are inferred.
   */
  default Map<String, Type> declaredTypes() {
    return Map.of();
  }
}
