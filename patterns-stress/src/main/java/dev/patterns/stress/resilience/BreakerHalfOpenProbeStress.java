package dev.patterns.stress.resilience;

import java.io.IOException;
import java.time.Duration;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.time.FakeTicker;

/**
 * Claim: when the open duration has passed and one probe is allowed, two racing callers get at
 * most one permit between them (one of them makes the open → half-open move and is the probe;
 * the other is refused), and at least one, since the breaker is due to probe.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t BreakerHalfOpenProbeStress}
 */
@JCStressTest
@Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "exactly one probe admitted")
@Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "two probes admitted with one allowed")
@Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "no probe admitted after the open duration")
@State
public class BreakerHalfOpenProbeStress {

    private final CircuitBreaker breaker;

    public BreakerHalfOpenProbeStress() {
        FakeTicker time = FakeTicker.start();
        breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .openDuration(Duration.ofSeconds(1)).halfOpenProbes(1).build();
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new IOException("trip"));
        time.advance(Duration.ofSeconds(1));
    }

    @Actor
    public void first(ZZ_Result r) {
        r.r1 = breaker.tryAcquirePermit() != CircuitBreaker.NO_PERMIT;
    }

    @Actor
    public void second(ZZ_Result r) {
        r.r2 = breaker.tryAcquirePermit() != CircuitBreaker.NO_PERMIT;
    }
}
