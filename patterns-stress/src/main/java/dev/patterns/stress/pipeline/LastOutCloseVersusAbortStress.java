package dev.patterns.stress.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import dev.patterns.internal.LastOut;

/**
 * Claim: the last worker out of a stage and an abort (fail-fast or shutdownNow) racing to close
 * the stage's output close it exactly once between them. r1 is 1 if the worker closed it, r2 is 1
 * if the abort did.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t LastOutCloseVersusAbortStress}
 */
@JCStressTest
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the last worker out closed the output")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the abort closed the output")
@Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "closed twice")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "never closed")
@State
public class LastOutCloseVersusAbortStress {

    private final LastOut lastOut = new LastOut(1);
    private int byWorker;
    private int byAbort;

    @Actor
    public void lastWorkerExits() {
        if (lastOut.arrive() && lastOut.tryClaim()) {
            byWorker = 1;
        }
    }

    @Actor
    public void abort() {
        if (lastOut.tryClaim()) {
            byAbort = 1;
        }
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = byWorker;
        r.r2 = byAbort;
    }
}
