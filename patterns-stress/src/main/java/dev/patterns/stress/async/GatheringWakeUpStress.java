package dev.patterns.stress.async;

import dev.patterns.async.FanOut;
import dev.patterns.async.Gathered;
import dev.patterns.async.Gathering;
import dev.patterns.async.GatherPolicy;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Claim: a gathering's owner blocked in {@code join()} is woken by the call whose report decides
 * the policy, however that report races the owner's decision to park (no lost wake-up). Calls
 * report without a lock and wake the owner only when their report can decide, so the last of the
 * two calls under {@link GatherPolicy#all()} must find the owner (or the owner must see its report).
 *
 * <p>The fan-out's executor only keeps the two calls; the actor joins; the signal then runs the
 * first call (a report that cannot decide: no wake-up) and the second (the deciding report). A
 * lost wake-up leaves the owner parked forever (the policy has no timeout): STALE.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t GatheringWakeUpStress}
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "join returned once the last call reported")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: join never returned")
@State
public class GatheringWakeUpStress {

    private final Runnable[] calls = new Runnable[2];
    private int captured;
    private final Gathering<Integer> gathering;

    public GatheringWakeUpStress() {
        FanOut fanOut = FanOut.builder().executor(task -> calls[captured++] = task).build();
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2);
        gathering = fanOut.start(GatherPolicy.all(), tasks);
    }

    @Actor
    public void owner() throws InterruptedException {
        Gathered<Integer> r = gathering.join();
        if (!r.values().equals(List.of(1, 2))) {
            throw new IllegalStateException("gathered " + r.outcomes());
        }
    }

    @Signal
    public void calls() {
        calls[0].run();
        calls[1].run();
    }
}
