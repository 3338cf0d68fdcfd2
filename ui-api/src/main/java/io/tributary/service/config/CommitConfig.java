package io.tributary.service.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When buffered records are committed. */
public interface CommitConfig {
  /** How often buffered records are committed. */
  @WithDefault("5s")
  Duration interval();

  /**
   * Estimated heap of buffered records (decoded JSON takes about six times its size) that triggers
   * an early commit, and pauses reading while a commit cannot run.
   */
  @WithDefault("256MB")
  ByteCount maxBufferedBytes();

  /** Records larger than this go to the dead-letter table. */
  @WithDefault("8MB")
  ByteCount maxRecordBytes();
}
