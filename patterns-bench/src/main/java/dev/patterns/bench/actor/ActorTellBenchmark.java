package dev.patterns.bench.actor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Tell throughput, one sender to one actor: 10,000 tells of one shared message object, then a
 * flush (a message whose handling proves every earlier one was handled). Score: messages/µs;
 * {@code gc.alloc.rate.norm} / 10,000 = bytes allocated per message beyond the message itself.
 * Mailbox bound 16,384 for ours and for {@code pekko-bounded} (Pekko's bounded mailbox drops
 * when full, so the bound must exceed a batch for the run to be comparable).
 *
 * <p>Run: {@code buildlock java -jar patterns-bench/target/benchmarks.jar ActorTellBenchmark
 * -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActorTellBenchmark extends ActorPeerState {

    static final int MESSAGES = 10_000;
    static final Object MESSAGE = "m";

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void tellThenFlush() throws InterruptedException {
        ActorPeer p = peer;
        for (int i = 0; i < MESSAGES; i++) {
            p.tell(MESSAGE);
        }
        p.flush();
    }
}
