package dev.patterns.stress.actor;

import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.Behavior;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: a handler never runs concurrently with another handler of the same actor. Two senders
 * tell one actor at once (batch 1: each message a separate turn, possibly on a separate thread);
 * each handler counts itself in, spins briefly, and counts itself out. r1 = how many handlers ever
 * overlapped, r2 = messages handled.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ActorOneAtATimeStress}
 */
@JCStressTest
@Outcome(id = "0, 2", expect = Expect.ACCEPTABLE, desc = "one at a time, both handled")
@Outcome(id = "1, 2", expect = Expect.FORBIDDEN, desc = "two handlers of one actor ran at once")
@Outcome(expect = Expect.FORBIDDEN, desc = "a message was not handled")
@State
public class ActorOneAtATimeStress {

    static final ActorSystem SYSTEM = ActorSystem.builder().name("stress-one-at-a-time").batch(1).build();

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final CountDownLatch handled = new CountDownLatch(2);
    private final ActorRef<Integer> actor = SYSTEM.spawn(Behavior.<Integer>receive((ctx, n) -> {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
        for (int i = 0; i < 50; i++) {
            Thread.onSpinWait();
        }
        inside.decrementAndGet();
        handled.countDown();
        return Behavior.same();
    }));

    @Actor
    public void sender1() {
        actor.tryTell(1);
    }

    @Actor
    public void sender2() {
        actor.tryTell(2);
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r2 = Handled.await(handled, 2);
        r.r1 = overlaps.get();
        actor.stop();
    }
}
