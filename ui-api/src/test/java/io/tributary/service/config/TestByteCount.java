package io.tributary.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestByteCount {
  @ParameterizedTest
  @CsvSource({
    "4096, 4096",
    "64KB, 65536",
    "64KiB, 65536",
    "256MB, 268435456",
    "256m, 268435456",
    "1G, 1073741824",
    "2 GB, 2147483648",
  })
  void parsesSizesWithUnits(String text, long bytes) {
    assertThat(ByteCount.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"lots", "12XB", "-5MB"})
  void rejectsWhatIsNotASize(String text) {
    assertThatThrownBy(() -> ByteCount.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid size '" + text + "'");
  }
}
