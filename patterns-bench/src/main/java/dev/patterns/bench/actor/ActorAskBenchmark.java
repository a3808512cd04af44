package dev.patterns.bench.actor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ask round trip from a caller thread: ask (timeout 10 s, so a timer task is scheduled and
 * cancelled each time) and wait for the reply. Pekko: {@code AskPattern.ask} with its scheduler.
 * Score: round trips/µs.
 *
 * <p>Run: {@code buildlock java -jar patterns-bench/target/benchmarks.jar ActorAskBenchmark
 * -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActorAskBenchmark {

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
    public Object askRoundTrip() throws Exception {
        return peer.ask();
    }
}
