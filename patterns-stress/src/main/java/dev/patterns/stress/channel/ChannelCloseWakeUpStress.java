package dev.patterns.stress.channel;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * Claim: {@code close()} wakes a receiver blocked on an empty channel, which then sees
 * end-of-stream: {@code take()} on a closed, drained channel never blocks forever.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelCloseWakeUpStress}
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the receiver saw end-of-stream")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "the receiver slept through the close")
@State
public class ChannelCloseWakeUpStress {

    private final Channel<Integer> channel = Channel.bounded(1);

    @Actor
    public void receiver() throws InterruptedException {
        try {
            channel.take();
            throw new IllegalStateException("received an element nobody sent");
        } catch (ChannelClosedException endOfStream) {
            // expected
        }
    }

    @Signal
    public void closer() {
        channel.close();
    }
}
