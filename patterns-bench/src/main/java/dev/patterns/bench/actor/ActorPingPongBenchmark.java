package dev.patterns.bench.actor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Ping-pong between two actors: each hop is a new message (one small record) told to the other
 * actor, which is idle when it arrives; 1,000 hops per op. Score: round trips/µs (2 hops each).
 *
 * <p>Run: {@code buildlock java -jar patterns-bench/target/benchmarks.jar ActorPingPongBenchmark
 * -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActorPingPongBenchmark extends ActorPeerState {

    static final int HOPS = 1_000;

    @Benchmark
    @OperationsPerInvocation(HOPS / 2)
    public void roundTrips() throws InterruptedException {
        peer.pingPong(HOPS);
    }
}
