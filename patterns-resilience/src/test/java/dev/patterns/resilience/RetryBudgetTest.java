package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class RetryBudgetTest {

    private final FakeTicker time = FakeTicker.startingAt(-5_000_000_000L); // crosses zero mid-test

    @Test
    void grantsTheFloorWithoutCalls() {
        RetryBudget budget = RetryBudget.of(0.2, 3, Duration.ofSeconds(10), time);
        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isFalse();
        assertThat(budget.stats()).isEqualTo(new RetryBudgetStats(0, 3, 0));
    }

    @Test
    void grantsAFractionOfRecentCalls() {
        RetryBudget budget = RetryBudget.of(0.2, 0, Duration.ofSeconds(10), time);
        for (int i = 0; i < 50; i++) {
            budget.recordCall();
        }
        int granted = 0;
        while (budget.tryAcquireRetry()) {
            granted++;
        }
        assertThat(granted).isEqualTo(10);
    }

    @Test
    void slidesOneBucketAtATime() {
        RetryBudget budget = RetryBudget.of(1.0, 0, Duration.ofSeconds(10), time);
        for (int i = 0; i < 4; i++) {
            budget.recordCall();
        }
        time.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            budget.recordCall();
        }
        assertThat(budget.stats().calls()).isEqualTo(10);
        time.advance(Duration.ofSeconds(5)); // the first four slid out
        assertThat(budget.stats().calls()).isEqualTo(6);
        assertThat(budget.stats().available()).isEqualTo(6);
        time.advance(Duration.ofSeconds(5));
        assertThat(budget.stats()).isEqualTo(new RetryBudgetStats(0, 0, 0));
    }

    @Test
    void manyCallsInOneBucketKeepTheirRatio() {
        RetryBudget budget = RetryBudget.of(0.5, 0, Duration.ofSeconds(10), time);
        for (int i = 0; i < 100_000; i++) { // more than one bucket counts exactly
            budget.recordCall();
        }
        RetryBudgetStats stats = budget.stats();
        assertThat(stats.calls()).isBetween(8_192L, 16_383L);
        assertThat(stats.available()).isEqualTo(stats.calls() / 2);
    }
}
