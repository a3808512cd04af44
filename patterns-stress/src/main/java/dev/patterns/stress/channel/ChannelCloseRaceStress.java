package dev.patterns.stress.channel;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Claim: a send racing {@code close()} is either received or refused — never both, never
 * neither. The closer receives (blocking) right after closing: it must get the element if the send
 * was accepted, and must see end-of-stream rather than block if it was not.
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t ChannelCloseRaceStress}
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "sent before the close, then received")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "refused: the close came first")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "accepted but lost")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN, desc = "refused yet delivered")
@State
public class ChannelCloseRaceStress {

    private final Channel<Integer> channel = Channel.bounded(1);

    @Actor
    public void sender(II_Result r) {
        try {
            channel.send(7);
            r.r1 = 1;
        } catch (ChannelClosedException refused) {
            r.r1 = 0;
        } catch (InterruptedException e) {
            throw new IllegalStateException("jcstress actors are not interrupted", e);
        }
    }

    @Actor
    public void closer(II_Result r) {
        channel.close();
        try {
            r.r2 = channel.receive() == 7 ? 1 : -1;
        } catch (ChannelClosedException endOfStream) {
            r.r2 = 0;
        } catch (InterruptedException e) {
            throw new IllegalStateException("jcstress actors are not interrupted", e);
        }
    }
}
