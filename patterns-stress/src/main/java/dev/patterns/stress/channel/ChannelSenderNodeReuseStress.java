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
 * Claim: a parked sender whose wait node is handed to the next waiting sender before the woken
 * sender has run is still woken (no lost wake-up when wait nodes are reused).
 *
 * <p>The channel (capacity 1) starts full. The actor's {@code send(1)} parks. The signal receives
 * the 0 (waking the actor, whose node goes back to the free list), takes the freed slot itself
 * with {@code trySend(2)} if the actor has not yet, and then waits briefly to send 3 into the full
 * channel: that timed wait reuses the node the actor was woken from, often before the actor has
 * been scheduled. The timed send must fail (nobody else receives); the signal then receives the
 * 2, and the actor must now be able to send. A design where the woken thread learns of its wake-up
 * from a flag in a pooled node loses this wake-up (the reuse resets the flag and the actor parks
 * again), which jcstress reports as STALE.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelSenderNodeReuseStress}
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the sender got a slot")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the sender never returned")
@State
public class ChannelSenderNodeReuseStress {

    private static final Duration BRIEF = Duration.ofNanos(100_000);

    private final Channel<Integer> channel = Channel.bounded(1);

    public ChannelSenderNodeReuseStress() {
        channel.add(0);
    }

    @Actor
    public void sender() throws InterruptedException {
        channel.send(1);
    }

    @Signal
    public void receiver() throws InterruptedException {
        expect(channel.receive(), 0);
        if (channel.trySend(2)) {
            if (channel.send(3, BRIEF)) {
                throw new IllegalStateException("a timed send went into a full channel");
            }
            expect(channel.receive(), 2);
        }
    }

    private static void expect(Integer got, int wanted) {
        if (got == null || got != wanted) {
            throw new IllegalStateException("received " + got + ", expected " + wanted);
        }
    }
}
