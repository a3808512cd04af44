package dev.patterns.stress.time;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

import dev.patterns.time.FakeTicker;

/**
 * Claim: two threads advancing one {@link FakeTicker} at once lose neither advance, so tests that
 * move fake time from several threads read the sum.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t FakeTickerAdvanceStress}
 */
@JCStressTest
@Outcome(id = "3", expect = Expect.ACCEPTABLE, desc = "both advances counted")
@Outcome(expect = Expect.FORBIDDEN, desc = "an advance was lost")
@State
public class FakeTickerAdvanceStress {

    private final FakeTicker ticker = FakeTicker.start();

    @Actor
    public void advanceOne() {
        ticker.advanceNanos(1);
    }

    @Actor
    public void advanceTwo() {
        ticker.advanceNanos(2);
    }

    @Arbiter
    public void read(J_Result r) {
        r.r1 = ticker.read();
    }
}
