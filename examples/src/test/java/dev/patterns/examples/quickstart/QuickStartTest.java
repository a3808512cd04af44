package dev.patterns.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class QuickStartTest {

    @Test
    void fiveFailuresOpenTheBreakerAndTheRestAreRefused() throws InterruptedException {
        // orders 0..49 billed; 50..54 fail and open the breaker; the fake clock never moves, so it
        // stays open: 55..999 refused
        assertThat(QuickStart.run(1_000, FakeTicker.start())).isEqualTo(new QuickStart.Result(50, 945));
    }
}
