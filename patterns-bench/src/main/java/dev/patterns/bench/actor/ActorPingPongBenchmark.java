package dev.patterns.bench.actor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ping-pong between two actors: each hop is a new message (one small record) told to the other
 * actor, which is idle when it arrives; 1,000 hops per op. Score: round trips/µs (2 hops each).
 *
 * <p>Run: {@code buildlock java -jar patterns-bench/target/benchmarks.jar ActorPingPongBenchmark
 * -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActorPingPongBenchmark {

    static final int HOPS = 1_000;

    @Param({"patterns", "patterns-pool", "pekko-bounded", "pekko"})
    public String impl;

    private ActorPeer peer;

    @Setup(Level.Trial)
    public void setUp() {
        peer = ActorPeer.create(impl);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        peer.close();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS / 2)
    public void roundTrips() throws InterruptedException {
        peer.pingPong(HOPS);
    }
}
