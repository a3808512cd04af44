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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: everything a handler did happens-before the next handler of the same actor starts. The
 * actor's state is two plain (non-volatile) fields. The handler of 'A' writes {@code a = 1} and
 * reads {@code b}; the handler of 'B' writes {@code b = 1} and reads {@code a}. The messages come
 * from two senders at once and run in separate turns (batch 1), so possibly on different threads;
 * whichever runs second must see the write of the first. r1 = b seen by A, r2 = a seen by B.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ActorHandlerHappensBeforeStress}
 */
@JCStressTest
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "A handled first; B saw its write")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "B handled first; A saw its write")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "the second handler missed the first one's write")
@Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "handlers overlapped")
@Outcome(expect = Expect.FORBIDDEN, desc = "a message was not handled")
@State
public class ActorHandlerHappensBeforeStress {

    static final ActorSystem SYSTEM = ActorSystem.builder().name("stress-happens-before").batch(1).build();

    /** Plain fields: the actor's state, confined to its handlers. */
    private int a;
    private int b;
    private int bSeenByA = -1;
    private int aSeenByB = -1;
    private final CountDownLatch handled = new CountDownLatch(2);
    private final ActorRef<Character> actor = SYSTEM.spawn(Behavior.<Character>receive((ctx, m) -> {
        if (m == 'A') {
            a = 1;
            bSeenByA = b;
        } else {
            b = 1;
            aSeenByB = a;
        }
        handled.countDown();
        return Behavior.same();
    }));

    @Actor
    public void senderA() {
        actor.tryTell('A');
    }

    @Actor
    public void senderB() {
        actor.tryTell('B');
    }

    @Arbiter
    public void arbiter(II_Result r) {
        if (Handled.await(handled, 2) != 2) {
            r.r1 = -2;
            r.r2 = -2;
            return;
        }
        r.r1 = bSeenByA;
        r.r2 = aSeenByB;
        actor.stop();
    }
}
