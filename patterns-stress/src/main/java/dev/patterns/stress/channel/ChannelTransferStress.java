package dev.patterns.stress.channel;

import dev.patterns.channel.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Claim: between a concurrent sender and receiver no element is lost or duplicated, and order is
 * kept. The sender sends 1 then 2; the receiver tries twice; the arbiter drains what is left. The
 * channel starts at position 1 so that the second element wraps around the 2-slot ring.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelTransferStress}
 */
@JCStressTest
@Outcome(id = "1, 2, 0, 0", expect = Expect.ACCEPTABLE, desc = "receiver took both")
@Outcome(id = "1, 0, 2, 0", expect = Expect.ACCEPTABLE, desc = "receiver took 1, found 2 not yet sent")
@Outcome(id = "0, 1, 2, 0", expect = Expect.ACCEPTABLE, desc = "receiver found empty, then took 1")
@Outcome(id = "0, 0, 1, 2", expect = Expect.ACCEPTABLE, desc = "receiver ran first")
@Outcome(expect = Expect.FORBIDDEN, desc = "an element was lost, duplicated or reordered")
@State
public class ChannelTransferStress {

    private final Channel<Integer> channel = Channel.bounded(2);

    public ChannelTransferStress() {
        channel.add(0);
        channel.poll();
    }

    @Actor
    public void sender() {
        try {
            channel.send(1);
            channel.send(2);
        } catch (InterruptedException e) {
            throw new IllegalStateException("jcstress actors are not interrupted", e);
        }
    }

    @Actor
    public void receiver(IIII_Result r) {
        r.r1 = orZero(channel.tryReceive());
        r.r2 = orZero(channel.tryReceive());
    }

    @Arbiter
    public void drain(IIII_Result r) {
        r.r3 = orZero(channel.tryReceive());
        r.r4 = orZero(channel.tryReceive());
        if (channel.tryReceive() != null || channel.size() != 0) {
            r.r4 = -1;
        }
    }

    private static int orZero(Integer e) {
        return e == null ? 0 : e;
    }
}
