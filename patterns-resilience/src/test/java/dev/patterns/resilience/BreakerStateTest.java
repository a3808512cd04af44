package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.patterns.resilience.BreakerState.Closed;
import dev.patterns.resilience.BreakerState.HalfOpen;
import dev.patterns.resilience.BreakerState.Open;
import dev.patterns.time.FakeTicker;

/** The breaker's transitions are pure functions of (state, time, configuration). */
class BreakerStateTest {

    private final BreakerConfig config = CircuitBreaker.builder().name("t").ticker(FakeTicker.start())
            .consecutiveFailures(3).openBackoff(Duration.ofNanos(100), Duration.ofNanos(350), 2.0)
            .halfOpenProbes(2).probeTimeout(Duration.ofNanos(50)).config();

    @Test
    void tripOpensForTheFirstDurationAndHalfOpenAdmitsTheFirstProbe() {
        Closed closed = BreakerState.closed(1, 0, config);
        Open open = closed.trip(10, config);
        assertThat(open).isEqualTo(new Open(2, 10, 110, 1));
        assertThat(open.elapsed(109)).isFalse();
        assertThat(open.elapsed(110)).isTrue();
        HalfOpen half = open.halfOpen(110);
        assertThat(half).isEqualTo(new HalfOpen(3, 110, 1, 0, 110, 1));
        assertThat(closed.generation()).as("the source state is unchanged").isEqualTo(1);
    }

    @Test
    void reopeningGrowsTheOpenDurationUpToTheCap() {
        HalfOpen half = new HalfOpen(3, 110, 1, 0, 110, 1);
        Open second = half.reopen(120, config);
        assertThat(second).isEqualTo(new Open(4, 120, 320, 2));          // 100 x 2
        Open third = second.halfOpen(320).reopen(330, config);
        assertThat(third).isEqualTo(new Open(6, 330, 680, 3));           // 100 x 4 = 400, capped at 350
    }

    @Test
    void probesExpireOnlyWhileInFlight() {
        HalfOpen half = new HalfOpen(3, 110, 1, 0, 110, 1);
        assertThat(half.probeExpired(159, config)).isFalse();
        assertThat(half.probeExpired(160, config)).isTrue();
        HalfOpen reported = half.succeed(120);
        assertThat(reported.probesInFlight()).isFalse();
        assertThat(reported.probeExpired(1_000, config)).isFalse();
    }

    @Test
    void closingAndManualTransitionsStartAFreshGeneration() {
        HalfOpen half = new HalfOpen(3, 110, 2, 2, 130, 1);
        Closed closed = half.close(140, config);
        assertThat(closed.generation()).isEqualTo(4);
        assertThat(closed.sinceNanos()).isEqualTo(140);
        assertThat(closed.consecutiveFailures().get()).isZero();
        assertThat(closed.forceOpen(150)).isEqualTo(new BreakerState.ForcedOpen(5, 150));
        assertThat(closed.disable(150)).isEqualTo(new BreakerState.Disabled(5, 150));
        Closed reset = new BreakerState.ForcedOpen(9, 0).reset(160, config);
        assertThat(reset.generation()).isEqualTo(10);
        assertThat(reset.consecutiveFailures()).isNotSameAs(closed.consecutiveFailures());
    }
}
