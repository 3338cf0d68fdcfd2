package io.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestColumnNames {
  @ParameterizedTest
  @CsvSource({
    "user_id, user_id",
    "UserId, userid",
    "user id, user_id",
    "user.id, user_id",
    "Ünïcode, _n_code",
    "'', _",
  })
  void normalizes(String source, String expected) {
    assertThat(ColumnNames.normalize(source)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void truncatesToTwoHundredFiftyFiveBytes() {
    assertThat(ColumnNames.normalize("a".repeat(300))).hasSize(255);
  }
}
