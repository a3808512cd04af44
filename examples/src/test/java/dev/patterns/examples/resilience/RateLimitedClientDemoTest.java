package dev.patterns.examples.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class RateLimitedClientDemoTest {

    @Test
    void aBurstOfTwentyThenOneEveryTenMilliseconds() throws Exception {
        FakeTicker time = FakeTicker.start();
        RateLimitedClientDemo.Result result = RateLimitedClientDemo.run(170, time, time);
        assertThat(result.sendTimesMillis().subList(0, 20)).containsOnly(0L);
        assertThat(result.sendTimesMillis().subList(20, 25)).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(result.sendTimesMillis().get(169)).isEqualTo(1500L);
        assertThat(result.mostInAnySecond()).isEqualTo(20 + 99); // 0 ms .. 990 ms
    }
}
