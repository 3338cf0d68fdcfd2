package io.tributary.service.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.ingest.kinesis.KinesisSourceSettings;
import io.tributary.service.config.KinesisConfig;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestKinesisSettingsMapping {
  @Test
  void defaultsNameTheApplicationAfterThePipeline() {
    KinesisSourceSettings settings =
        PipelineSettingsMapper.kinesis(
            "clicks", config("trim-horizon", Optional.empty(), Optional.empty()));

    assertThat(settings.applicationName()).isEqualTo("tributary-clicks");
    assertThat(settings.initialPosition())
        .isEqualTo(KinesisSourceSettings.InitialPosition.TRIM_HORIZON);
    assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:4567"));
  }

  @Test
  void atTimestampNeedsItsInstant() {
    assertThat(
            PipelineSettingsMapper.kinesis(
                    "clicks",
                    config("at-timestamp", Optional.of("2026-11-01T00:00:00Z"), Optional.empty()))
                .atTimestamp())
        .contains(Instant.parse("2026-11-01T00:00:00Z"));
    assertThatThrownBy(
            () ->
                PipelineSettingsMapper.kinesis(
                    "clicks", config("at-timestamp", Optional.empty(), Optional.empty())))
        .hasMessageContaining("tributary.pipelines.clicks.source.kinesis")
        .hasMessageContaining("at-timestamp");
  }

  @Test
  void aBadApplicationNameIsNamedInTheError() {
    assertThatThrownBy(
            () ->
                PipelineSettingsMapper.kinesis(
                    "clicks", config("latest", Optional.empty(), Optional.of("no spaces"))))
        .hasMessageContaining("tributary.pipelines.clicks.source.kinesis")
        .hasMessageContaining("no spaces");
  }

  private static KinesisConfig config(
      String initialPosition, Optional<String> atTimestamp, Optional<String> applicationName) {
    return new KinesisConfig() {
      @Override
      public String stream() {
        return "clicks";
      }

      @Override
      public String region() {
        return "us-east-1";
      }

      @Override
      public Optional<String> endpoint() {
        return Optional.of("http://127.0.0.1:4567");
      }

      @Override
      public Optional<String> dynamodbEndpoint() {
        return Optional.empty();
      }

      @Override
      public Optional<String> applicationName() {
        return applicationName;
      }

      @Override
      public String initialPosition() {
        return initialPosition;
      }

      @Override
      public Optional<String> atTimestamp() {
        return atTimestamp;
      }

      @Override
      public boolean enhancedFanOut() {
        return false;
      }
    };
  }
}
