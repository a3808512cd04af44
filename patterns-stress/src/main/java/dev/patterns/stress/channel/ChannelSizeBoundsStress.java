package dev.patterns.stress.channel;

import dev.patterns.channel.Channel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Claim: {@code size()} is never outside {@code [0, capacity]} while elements move, even though
 * it reads the two positions one after the other. One actor receives and sends on a full channel
 * of capacity 1 (so that both positions move), the other reads the size three times.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelSizeBoundsStress}
 */
@JCStressTest
@Outcome(id = "[01], [01], [01]", expect = Expect.ACCEPTABLE, desc = "every reading within [0, 1]")
@Outcome(expect = Expect.FORBIDDEN, desc = "a size outside [0, capacity]")
@State
public class ChannelSizeBoundsStress {

    private final Channel<Integer> channel = Channel.bounded(1);

    public ChannelSizeBoundsStress() {
        channel.add(0);
    }

    @Actor
    public void mover() {
        channel.poll();
        channel.offer(1);
        channel.poll();
        channel.offer(2);
    }

    @Actor
    public void observer(III_Result r) {
        r.r1 = channel.size();
        r.r2 = channel.size();
        r.r3 = channel.size();
    }
}
