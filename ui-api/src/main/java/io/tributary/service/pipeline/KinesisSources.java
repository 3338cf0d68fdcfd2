package io.tributary.service.pipeline;

import io.tributary.ingest.kinesis.KinesisSourceSettings;
import io.tributary.service.config.PipelineConfig;
import java.util.Optional;

/** The Kinesis settings of a pipeline that reads Kinesis, for the parts outside this package. */
public final class KinesisSources {
  private KinesisSources() {}

  public static Optional<KinesisSourceSettings> settings(String name, PipelineConfig pipeline) {
    if (!"kinesis".equals(pipeline.source().type())) {
      return Optional.empty();
    }
    return pipeline.source().kinesis().map(config -> PipelineSettingsMapper.kinesis(name, config));
  }
}
