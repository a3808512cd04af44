package dev.patterns.stress.channel;

import dev.patterns.channel.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Claim: a receiver that found the channel empty (and is spinning, yielding or parked) is woken
 * by a concurrent send: no lost wake-up. A lost wake-up leaves the receiver blocked forever, which
 * jcstress reports as STALE.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelWakeUpStress}
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver got the element")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the receiver never returned")
@State
public class ChannelWakeUpStress {

    private final Channel<Integer> channel = Channel.bounded(1);

    @Actor
    public void receiver() throws InterruptedException {
        if (channel.receive() != 1) {
            throw new IllegalStateException("received the wrong element");
        }
    }

    @Signal
    public void sender() throws InterruptedException {
        channel.send(1);
    }
}
