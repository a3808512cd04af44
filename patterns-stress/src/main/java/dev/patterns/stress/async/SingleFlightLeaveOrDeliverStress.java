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
 * Claim: an async waiter that cancels its own future while the execution finishes either left
 * (its cancel won: it is cancelled and counted out once) or was delivered to (its cancel lost:
 * it has the value and is not counted out), never both or neither; the waiter that stays always
 * gets the value. The execution is queued at construction and run by actor 2.
 *
 * <p>r1 = the cancel returned true, r2 = the leaver holds the value (0: it is cancelled),
 * r3 = {@code stats().waitersLeft()}, r4 = the waiter that stayed got the value.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t SingleFlightLeaveOrDeliverStress}
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 1", expect = Expect.ACCEPTABLE, desc = "left: cancelled, counted out once")
@Outcome(id = "0, 1, 0, 1", expect = Expect.ACCEPTABLE, desc = "delivered: the value, not counted out")
@Outcome(expect = Expect.FORBIDDEN, desc = "both, neither, a wrong count, or the staying waiter lost")
@State
public class SingleFlightLeaveOrDeliverStress {

    private static final String VALUE = "value";

    private final ConcurrentLinkedQueue<Runnable> executions = new ConcurrentLinkedQueue<>();
    private final SingleFlight<String, String> flights =
            SingleFlight.builder().executor(executions::add).build();
    private final FlightFuture<String> stays = flights.callAsync("hot", key -> VALUE);
    private final FlightFuture<String> leaver = flights.callAsync("hot", key -> VALUE);
    private int cancelled;

    @Actor
    public void leave() {
        cancelled = leaver.cancel(false) ? 1 : 0;
    }

    @Actor
    public void finish() {
        executions.poll().run();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = cancelled;
        r.r2 = !leaver.isCancelled() && VALUE.equals(leaver.getNow(null)) ? 1 : 0;
        r.r3 = (int) flights.stats().waitersLeft();
        r.r4 = VALUE.equals(stays.getNow(null)) ? 1 : 0;
    }
}
