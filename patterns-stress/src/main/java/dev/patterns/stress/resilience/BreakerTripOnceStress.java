package dev.patterns.stress.resilience;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.time.FakeTicker;

/**
 * Claim: two failures racing past a threshold of two consecutive failures open the breaker exactly
 * once: one CLOSED → OPEN transition, one listener call.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t BreakerTripOnceStress}
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "opened once, listener told once")
@Outcome(expect = Expect.FORBIDDEN, desc = "not opened, or opened/told twice")
@State
public class BreakerTripOnceStress {

    private final AtomicInteger transitions = new AtomicInteger();
    private final CircuitBreaker breaker = CircuitBreaker.builder().ticker(FakeTicker.start())
            .consecutiveFailures(2).listener(t -> transitions.incrementAndGet()).build();

    @Actor
    public void first() {
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new IOException("one"));
    }

    @Actor
    public void second() {
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new IOException("two"));
    }

    @Arbiter
    public void outcome(II_Result r) {
        r.r1 = breaker.state() == CircuitBreaker.State.OPEN ? 1 : 0;
        r.r2 = transitions.get();
    }
}
