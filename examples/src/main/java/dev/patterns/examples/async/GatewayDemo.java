package dev.patterns.examples.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.patterns.async.ExecutionLayer;
import dev.patterns.pipeline.PoolSizing;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * The three-layer gateway: each request runs on the {@code io} layer (a virtual thread), makes a
 * blocking legacy call on the bounded {@code blocking} layer (platform threads, so code that pins
 * a carrier cannot starve the virtual threads) and a CPU-heavy computation on the {@code cpu}
 * layer (one thread per core), all requests in parallel.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.async.GatewayDemo}
 */
public final class GatewayDemo {

    /**
     * What serving the requests looked like.
     *
     * @param responses one response per request, in request order
     * @param requestThreadsVirtual whether every request ran on a virtual thread
     * @param legacyThreads the threads legacy calls ran on
     * @param cpuThreads the threads computations ran on
     * @param elapsed how long serving all requests took
     */
    public record Result(List<String> responses, boolean requestThreadsVirtual, Set<Thread> legacyThreads,
            Set<Thread> cpuThreads, Duration elapsed) {}

    private GatewayDemo() {}

    /**
     * Serves {@code requests} concurrent requests, closing the layers before returning.
     *
     * @param requests how many
     * @param legacyThreads size of the legacy layer
     * @param legacyLatency how long the legacy call blocks
     * @param cpuRounds how much computing each request does
     * @return the responses and where each part ran
     * @throws InterruptedException if interrupted
     * @throws ExecutionException if a request failed
     */
    public static Result serve(int requests, int legacyThreads, Duration legacyLatency, int cpuRounds)
            throws InterruptedException, ExecutionException {
        Set<Thread> legacySeen = ConcurrentHashMap.newKeySet();
        Set<Thread> cpuSeen = ConcurrentHashMap.newKeySet();
        Set<Boolean> requestVirtual = ConcurrentHashMap.newKeySet();
        List<String> responses = new ArrayList<>();
        long start = Ticker.system().read();
        try (ExecutionLayer io = ExecutionLayer.io();
                ExecutionLayer cpu = ExecutionLayer.cpu(PoolSizing.forCpu(), requests);
                ExecutionLayer legacy = ExecutionLayer.blocking(legacyThreads, requests)) {
            List<Future<String>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int id = i;
                pending.add(io.submit(() -> {
                    requestVirtual.add(Thread.currentThread().isVirtual());
                    Future<String> customer = legacy.submit(() -> {
                        legacySeen.add(Thread.currentThread());
                        Sleeper.system().sleep(legacyLatency); // stands in for a pinning legacy driver
                        return "customer-" + id;
                    });
                    Future<Long> score = cpu.submit(() -> {
                        cpuSeen.add(Thread.currentThread());
                        return compute(id, cpuRounds);
                    });
                    return customer.get() + ":" + score.get();
                }));
            }
            for (Future<String> f : pending) {
                responses.add(f.get());
            }
        }
        Duration elapsed = Duration.ofNanos(Ticker.system().read() - start);
        return new Result(responses, requestVirtual.equals(Set.of(true)), legacySeen, cpuSeen, elapsed);
    }

    /** A deterministic CPU-bound computation (xorshift rounds). */
    static long compute(int seed, int rounds) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x & 0xFFFF;
    }

    /**
     * Runs the demo.
     *
     * @param args unused
     * @throws Exception if a request failed
     */
    public static void main(String[] args) throws Exception {
        int legacyThreads = PoolSizing.forBlocking(PoolSizing.forCpu(), 1.0, Duration.ofMillis(20), Duration.ofMillis(2));
        System.out.printf("200 requests on virtual threads; each calls a blocking legacy client%n"
                + "(20 ms, pool of %d platform threads) and does CPU work (pool of %d)%n", legacyThreads, PoolSizing.forCpu());
        Result r = serve(200, legacyThreads, Duration.ofMillis(20), 2_000_000);
        System.out.printf("served %,d requests in %,d ms; every request thread virtual: %s%n",
                r.responses().size(), r.elapsed().toMillis(), r.requestThreadsVirtual());
        System.out.printf("legacy layer used %d of %d threads; cpu layer used %d of %d; first response %s%n",
                r.legacyThreads().size(), legacyThreads, r.cpuThreads().size(), PoolSizing.forCpu(),
                r.responses().get(0));
        System.out.println("Shown: each kind of work ran on the layer sized for it, never more threads than sized.");
    }
}
