package dev.patterns.examples.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class RetryBudgetDemoTest {

    @Test
    void retriesHelpAFlakyServiceAndTheBudgetStopsTheStormWhenItIsDown() throws Exception {
        FakeTicker time = FakeTicker.start();
        RetryBudgetDemo.Result r = RetryBudgetDemo.run(200, time, time);
        // flaky: 5% failures; retries fit in the budget, so it costs nothing here
        assertThat(r.flakyNoBudget().succeeded()).isGreaterThanOrEqualTo(199);
        assertThat(r.flakyBudget().succeeded()).isEqualTo(r.flakyNoBudget().succeeded());
        assertThat(r.flakyBudget().attempts()).isLessThan(200 + 20 + 5);
        // down: no budget means 4 attempts per call; the budget allows 10% of calls + 5
        assertThat(r.downNoBudget().succeeded()).isZero();
        assertThat(r.downNoBudget().attempts()).isEqualTo(800);
        assertThat(r.downBudget().succeeded()).isZero();
        assertThat(r.downBudget().attempts()).isEqualTo(200 + 20 + 5);
    }
}
