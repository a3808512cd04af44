package dev.patterns.bench.actor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Ask round trip from a caller thread: ask (timeout 10 s, so every ask registers a timeout: ours
 * pushes it onto the ask timer's lock-free stack) and wait for the reply. Pekko: {@code AskPattern.ask} with its scheduler.
 * Score: round trips/µs.
 *
 * <p>Run: {@code buildlock java -jar patterns-bench/target/benchmarks.jar ActorAskBenchmark
 * -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActorAskBenchmark extends ActorPeerState {

    @Benchmark
    public Object askRoundTrip() throws Exception {
        return peer.ask();
    }
}
