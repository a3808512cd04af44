package dev.patterns.stress.resilience;

import dev.patterns.resilience.CircuitBreakerStats;
import java.io.IOException;
import java.time.Duration;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.time.FakeTicker;

/**
 * Claim: two recorders reporting at once lose no count and count nothing twice. The window holds the
 * last two calls and already holds one failure; one actor records a failure, the other a success,
 * so one of them displaces the first failure (or, for the failure, finds it equal and writes
 * nothing). Whatever the order, the window ends with two calls, one of them failed.
 *
 * <p>The only threshold is a slow-call rate that these calls (duration 0) never reach, so the
 * breaker stays closed and the counts are what is judged. (A failure-rate threshold may legitimately
 * trip here: if the failure records first, the last two recorded calls are both failures.)
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t BreakerCountsStress}
 */
@JCStressTest
@Outcome(id = "2, 1, 2", expect = Expect.ACCEPTABLE, desc = "both records counted")
@Outcome(expect = Expect.FORBIDDEN, desc = "a record was lost or double-counted")
@State
public class BreakerCountsStress {

    private final CircuitBreaker breaker = CircuitBreaker.builder().ticker(FakeTicker.start())
            .slowCalls(Duration.ofSeconds(1), 100).countWindow(2).minimumCalls(2).build();

    public BreakerCountsStress() {
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new IOException("first"));
    }

    @Actor
    public void failure() {
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new IOException("second"));
    }

    @Actor
    public void success() {
        breaker.onSuccess(breaker.tryAcquirePermit(), 0);
    }

    @Arbiter
    public void counts(III_Result r) {
        CircuitBreakerStats stats = breaker.stats();
        r.r1 = stats.windowCalls();
        r.r2 = stats.windowFailures();
        r.r3 = stats.state() == CircuitBreaker.State.CLOSED ? 2 : -1;
    }
}
