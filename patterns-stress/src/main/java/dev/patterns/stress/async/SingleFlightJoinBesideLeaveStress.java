package dev.patterns.stress.async;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import dev.patterns.async.FlightFuture;
import dev.patterns.async.SingleFlight;

/**
 * Claim: a caller joining (pushing its waiter on the flight's stack) while the waiter on top of
 * the stack leaves (popping itself off) loses no waiter: the joiner and the waiter below both get
 * the value when the execution finishes, and exactly one waiter is counted out. Both actors race
 * on the stack's head; the arbiter runs the execution afterwards.
 *
 * <p>r1 = the joiner got the value, r2 = the bottom waiter got the value, r3 = {@code
 * stats().waitersLeft()}, r4 = the leaver kept its own value.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t SingleFlightJoinBesideLeaveStress}
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "joiner and bottom delivered, one left")
@Outcome(expect = Expect.FORBIDDEN, desc = "a waiter lost, or a wrong count")
@State
public class SingleFlightJoinBesideLeaveStress {

    private static final String VALUE = "value";

    private final ConcurrentLinkedQueue<Runnable> executions = new ConcurrentLinkedQueue<>();
    private final SingleFlight<String, String> flights =
            SingleFlight.builder().executor(executions::add).build();
    private final FlightFuture<String> bottom = flights.callAsync("hot", key -> VALUE);
    private final FlightFuture<String> top = flights.callAsync("hot", key -> VALUE);
    private FlightFuture<String> joiner;

    @Actor
    public void join() {
        joiner = flights.callAsync("hot", key -> VALUE);
    }

    @Actor
    public void leave() {
        top.complete("mine");
    }

    @Arbiter
    public void check(IIII_Result r) {
        executions.poll().run();
        r.r1 = VALUE.equals(joiner.getNow(null)) ? 1 : 0;
        r.r2 = VALUE.equals(bottom.getNow(null)) ? 1 : 0;
        r.r3 = (int) flights.stats().waitersLeft();
        r.r4 = "mine".equals(top.getNow(null)) ? 1 : 0;
    }
}
