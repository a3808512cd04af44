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
 * Claim: when two workers of a stage exit at once, exactly one of them closes the stage's output,
 * and it does so after seeing the last item both emitted (the pipeline's completion counting).
 * Each worker writes its item with a plain store before it arrives, as a worker's last send
 * precedes its exit; r1 counts closes, r2 is how many items the closer saw.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t LastOutClosesAfterLastItemStress}
 */
@JCStressTest
@Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "closed once, after both items")
@Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "closed before the other worker's last item was visible")
@Outcome(id = "0, .*", expect = Expect.FORBIDDEN, desc = "output never closed")
@Outcome(id = "2, .*", expect = Expect.FORBIDDEN, desc = "output closed twice")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class LastOutClosesAfterLastItemStress {

    private final LastOut lastOut = new LastOut(2);
    private int item1;
    private int item2;
    private int closedBy1;
    private int closedBy2;
    private int seenBy1;
    private int seenBy2;

    @Actor
    public void worker1() {
        item1 = 1;
        if (lastOut.arrive() && lastOut.tryClaim()) {
            closedBy1 = 1;
            seenBy1 = item1 + item2;
        }
    }

    @Actor
    public void worker2() {
        item2 = 1;
        if (lastOut.arrive() && lastOut.tryClaim()) {
            closedBy2 = 1;
            seenBy2 = item1 + item2;
        }
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = closedBy1 + closedBy2;
        r.r2 = closedBy1 == 1 ? seenBy1 : seenBy2;
    }
}
