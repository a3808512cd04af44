package dev.patterns.stress.channel;

import dev.patterns.channel.Channel;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Claim: a parked receiver whose wait node is handed to the next waiting receiver before the
 * woken receiver has run is still woken (no lost wake-up when wait nodes are reused), and it gets
 * one element that was sent, once.
 *
 * <p>The channel (capacity 1) starts empty. The actor's {@code receive()} parks. The signal sends
 * 1 (waking the actor, whose node goes back to the free list), takes the 1 back with
 * {@code tryReceive()} if the actor has not yet, and then waits briefly to receive from the empty
 * channel: that timed wait reuses the node the actor was woken from, often before the actor has
 * been scheduled. The timed receive must time out (nobody else sends); the signal then sends 2,
 * which the actor must receive. A lost wake-up leaves the actor parked: STALE.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelReceiverNodeReuseStress}
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver got an element")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the receiver never returned")
@State
public class ChannelReceiverNodeReuseStress {

    private static final Duration BRIEF = Duration.ofNanos(100_000);

    private final Channel<Integer> channel = Channel.bounded(1);
    /** The element the signal took back, or 0. */
    private volatile int takenBack;

    @Actor
    public void receiver() throws InterruptedException {
        int got = channel.receive();
        // The actor gets 1 unless the signal took it back; then 2. Never the one the signal holds.
        if ((got != 1 && got != 2) || got == takenBack) {
            throw new IllegalStateException("received " + got + ", the signal took back " + takenBack);
        }
    }

    @Signal
    public void sender() throws InterruptedException {
        channel.send(1);
        Integer back = channel.tryReceive();
        if (back != null) {
            takenBack = back;
            Integer none = channel.receive(BRIEF);
            if (none != null) {
                throw new IllegalStateException("a timed receive got " + none + " from an empty channel");
            }
            channel.send(2);
        }
    }
}
