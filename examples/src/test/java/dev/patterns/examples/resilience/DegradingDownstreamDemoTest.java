package dev.patterns.examples.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class DegradingDownstreamDemoTest {

    @Test
    void opensFailsFastProbesAndClosesWhileOtherRequestsAreServed() throws Exception {
        FakeTicker time = FakeTicker.start();
        DegradingDownstreamDemo.Result result = DegradingDownstreamDemo.run(time, time);
        assertThat(result.transitions()).containsExactly(
                " 1200 ms CLOSED -> OPEN (3 consecutive failures)",
                " 2200 ms OPEN -> HALF_OPEN (open duration elapsed)",
                " 2200 ms HALF_OPEN -> OPEN (probe failed)",
                " 3200 ms OPEN -> HALF_OPEN (open duration elapsed)",
                " 3200 ms HALF_OPEN -> CLOSED (1 probe(s) succeeded)");
        assertThat(result.failed()).as("3 failures to open, 1 failed probe").isEqualTo(4);
        assertThat(result.failedFast()).isEqualTo(18);
        assertThat(result.served()).isEqualTo(60 - 4 - 18);
        assertThat(result.otherServed()).isEqualTo(60);
    }
}
