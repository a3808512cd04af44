package dev.patterns.stress.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import dev.patterns.async.SingleFlight;

/**
 * Claim: two callers of one key at the same time share exactly one execution, and both receive
 * its value. Executions are queued by the test's executor and run only by the arbiter, so the
 * first execution cannot finish (and legitimately let a second one start) while the actors race.
 *
 * <p>r1 = executions started, r2 = 1 if both callers got the same value object.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t SingleFlightOneExecutionStress}
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "one execution, shared by both callers")
@Outcome(expect = Expect.FORBIDDEN, desc = "duplicate execution or a caller without the shared value")
@State
public class SingleFlightOneExecutionStress {

    private final ConcurrentLinkedQueue<Runnable> executions = new ConcurrentLinkedQueue<>();
    private final SingleFlight<String, Object> flights =
            SingleFlight.builder().executor(executions::add).build();
    private CompletableFuture<Object> first;
    private CompletableFuture<Object> second;

    @Actor
    public void callerOne() {
        first = flights.callAsync("hot", key -> new Object());
    }

    @Actor
    public void callerTwo() {
        second = flights.callAsync("hot", key -> new Object());
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = executions.size();
        for (Runnable execution : executions) {
            execution.run();
        }
        r.r2 = first.isDone() && second.isDone() && first.join() == second.join() ? 1 : 0;
    }
}
