package io.tributary.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestCompactionBudget {
  @Test
  void bytesSpentComeBackAMinuteLater() {
    CompactionBudget budget = new CompactionBudget(100);

    budget.spend(1_000, 60);
    budget.spend(30_000, 30);

    assertThat(budget.available(30_000)).isEqualTo(10);
    assertThat(budget.available(60_999)).isEqualTo(10);
    assertThat(budget.available(61_000)).isEqualTo(70);
    assertThat(budget.available(90_000)).isEqualTo(100);
  }

  @Test
  void overspendingLeavesNothingRatherThanANegativeBudget() {
    CompactionBudget budget = new CompactionBudget(100);

    budget.spend(0, 150);

    assertThat(budget.available(0)).isZero();
  }

  @Test
  void theRateMustBePositive() {
    assertThatThrownBy(() -> new CompactionBudget(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bytes per minute must be positive: 0");
  }
}
