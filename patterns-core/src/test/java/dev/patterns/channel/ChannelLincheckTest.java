package dev.patterns.channel;

import java.time.Duration;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of send/trySend/receive/tryReceive/close against the channel's own sequential
 * behaviour, by Lincheck's model checker (every interleaving of the explored scenarios) and its
 * stress mode. Capacity 2, so that "full" is reached; the blocking {@code send} and
 * {@code receive} are used in their bounded forms ({@code send(e, 0)}, {@code receive(0)}) because
 * Lincheck treats a thread that never returns as a failure — the blocking paths themselves are
 * covered by the contract, close and interrupt tests and the jcstress tests.
 */
@Param(name = "element", gen = IntGen.class, conf = "1:4")
public class ChannelLincheckTest {

    private final Channel<Integer> channel = Channel.bounded(2);

    @Operation
    public boolean trySend(@Param(name = "element") int element) {
        return channel.trySend(element);
    }

    @Operation
    public Object sendNoWait(@Param(name = "element") int element) throws InterruptedException {
        try {
            return channel.send(element, Duration.ZERO);
        } catch (ChannelClosedException e) {
            return "closed";
        }
    }

    @Operation
    public Integer tryReceive() {
        return channel.tryReceive();
    }

    @Operation
    public Object receiveNoWait() throws InterruptedException {
        try {
            return channel.receive(Duration.ZERO);
        } catch (ChannelClosedException e) {
            return "end-of-stream";
        }
    }

    @Operation
    public boolean close() {
        return channel.close();
    }

    @Operation
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive();
    }

    @Operation
    public int size() {
        return channel.size();
    }

    @Test
    // A hang guard, not a speed bound: beside two busy loops on 2 cores a run took 93 s.
    @Timeout(300)
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .check(ChannelLincheckTest.class);
    }

    @Test
    // A hang guard, not a speed bound: beside two busy loops on 2 cores a run took 93 s.
    @Timeout(300)
    void stress() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .check(ChannelLincheckTest.class);
    }
}
