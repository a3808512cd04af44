package dev.patterns.channel;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of the blocking {@code send} with {@code close}, {@code tryReceive} and
 * {@code drainTo(sink, 1)}, on a channel large enough that no send ever waits (at most 6 sends into
 * capacity 8). A blocking {@code receive} is not checked here: in an interleaving where it finds
 * the channel empty and open it waits forever, which Lincheck reports as a deadlock; a compound
 * "close, then receive" is not atomic and so cannot be specified sequentially either. The blocking
 * receive is covered by the contract, close and interrupt tests and by jcstress.
 */
@Param(name = "element", gen = IntGen.class, conf = "1:4")
public class ChannelBlockingLincheckTest {

    private final Channel<Integer> channel = Channel.bounded(8);

    @Operation
    public Object send(@Param(name = "element") int element) throws InterruptedException {
        try {
            channel.send(element);
            return true;
        } catch (ChannelClosedException e) {
            return "closed";
        }
    }

    @Operation
    public boolean close() {
        return channel.close();
    }

    @Operation
    public String drainOne() {
        // drainTo is not atomic as a batch (BlockingQueue does not require it), so only a batch
        // of one can be specified sequentially.
        java.util.List<Integer> sink = new java.util.ArrayList<>();
        channel.drainTo(sink, 1);
        return sink.toString();
    }

    @Operation
    public Integer tryReceive() {
        return channel.tryReceive();
    }

    @Test
    // A hang guard, not a speed bound: beside two busy loops on 2 cores a run took 93 s.
    @Timeout(300)
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(12)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .check(ChannelBlockingLincheckTest.class);
    }

    @Test
    // A hang guard, not a speed bound: beside two busy loops on 2 cores a run took 93 s.
    @Timeout(300)
    void stress() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(1_000)
                .threads(2)
                .actorsPerThread(3)
                .check(ChannelBlockingLincheckTest.class);
    }
}
