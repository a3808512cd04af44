package dev.patterns.stress.actor;

import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.Behavior;
import java.util.concurrent.CountDownLatch;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Claim: no lost wake-up. Two senders tell one idle actor at the same time; the first message
 * schedules a turn, which handles it and goes idle while the second message may be arriving. Both
 * messages must be handled: a message must never sit in the mailbox of an actor that is neither
 * scheduled nor running. The arbiter waits (up to 10 s, only reached on failure) for both.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ActorIdleWakeUpStress}
 */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "both messages handled")
@Outcome(id = "1", expect = Expect.FORBIDDEN, desc = "a message was left in the mailbox of an idle actor")
@Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "no message handled")
@State
public class ActorIdleWakeUpStress {

    /** One system for all samples (batch 1: every message is its own turn and idle transition). */
    static final ActorSystem SYSTEM = ActorSystem.builder().name("stress-wake-up").batch(1).build();

    private final CountDownLatch handled = new CountDownLatch(2);
    private final ActorRef<Integer> actor = SYSTEM.spawn(Behavior.<Integer>receive((ctx, n) -> {
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
    public void arbiter(I_Result r) {
        r.r1 = Handled.await(handled, 2);
        actor.stop();
    }
}
