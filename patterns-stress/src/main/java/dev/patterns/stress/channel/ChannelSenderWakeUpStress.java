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
 * Claim: a sender that found the channel full (spinning, yielding or parked) is woken by a
 * concurrent receive: no lost wake-up on the backpressure side.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelSenderWakeUpStress}
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the sender got the freed slot")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "lost wake-up: the sender never returned")
@State
public class ChannelSenderWakeUpStress {

    private final Channel<Integer> channel = Channel.bounded(1);

    public ChannelSenderWakeUpStress() {
        channel.add(0);
    }

    @Actor
    public void sender() throws InterruptedException {
        channel.send(1);
    }

    @Signal
    public void receiver() throws InterruptedException {
        channel.receive();
    }
}
