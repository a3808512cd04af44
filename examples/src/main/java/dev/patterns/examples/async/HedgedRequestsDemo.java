package dev.patterns.examples.async;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.async.FanOut;
import dev.patterns.async.Gathered;
import dev.patterns.async.LatencyTracker;
import dev.patterns.async.GatherPolicy;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * Hedged requests cut tail latency: a backend answers fast except every n-th call, which is slow.
 * Sent plainly, the slow calls set the p99; hedged (a backup call after a short delay, first
 * answer wins, the loser interrupted), the p99 drops to about the hedge delay plus a fast call.
 * The third run learns the delay instead of being told it: a {@link LatencyTracker} shared by the
 * requests holds the backend's recent latencies, and each request waits for their 95th percentile
 * before its backup ("The Tail at Scale"), falling back to the fixed delay until the tracker has
 * enough samples.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.async.HedgedRequestsDemo}
 */
public final class HedgedRequestsDemo {

    /**
     * Latency percentiles with and without hedging.
     *
     * @param plainP50 median without hedging
     * @param plainP99 99th percentile without hedging
     * @param hedgedP50 median with hedging
     * @param hedgedP99 99th percentile with hedging
     * @param backupCalls backup calls the hedged run started
     * @param plainSlowAnswers requests answered by a slow call without hedging
     * @param hedgedSlowAnswers requests answered by a slow call with hedging
     * @param percentileP50 median with percentile hedging
     * @param percentileP99 99th percentile with percentile hedging
     * @param percentileBackupCalls backup calls the percentile-hedged run started
     * @param percentileSlowAnswers requests answered by a slow call with percentile hedging
     * @param learnedDelay the backend's p95 as the tracker saw it at the end (the delay the next
     *     request would wait), or the fallback if it had too few samples
     */
    public record Result(Duration plainP50, Duration plainP99, Duration hedgedP50, Duration hedgedP99, int backupCalls,
            int plainSlowAnswers, int hedgedSlowAnswers, Duration percentileP50, Duration percentileP99,
            int percentileBackupCalls, int percentileSlowAnswers, Duration learnedDelay) {}

    private HedgedRequestsDemo() {}

    /**
     * Sends {@code requests} requests one after another, plainly and then hedged.
     *
     * @param requests how many requests per run
     * @param fast latency of a normal call
     * @param slow latency of every {@code slowEvery}-th call
     * @param slowEvery how often a call is slow
     * @param hedgeDelay when to send the backup call
     * @return the percentiles
     * @throws InterruptedException if interrupted
     */
    public static Result compare(int requests, Duration fast, Duration slow, int slowEvery, Duration hedgeDelay)
            throws InterruptedException {
        FanOut fanOut = FanOut.create();
        int[] plainCounts = new int[2];
        long[] plain = run(fanOut, GatherPolicy.hedged(hedgeDelay, 1), requests, fast, slow, slowEvery, plainCounts);
        int[] hedgedCounts = new int[2];
        long[] hedged = run(fanOut, GatherPolicy.hedged(hedgeDelay, 2), requests, fast, slow, slowEvery, hedgedCounts);

        // One tracker per backend, shared by every request to it; 20 samples before it is trusted.
        LatencyTracker backendLatency = LatencyTracker.builder().minSamples(20).build();
        GatherPolicy learned = GatherPolicy.hedged(backendLatency, 95, hedgeDelay, 2);
        int[] learnedCounts = new int[2];
        long[] byPercentile = run(fanOut, learned, requests, fast, slow, slowEvery, learnedCounts);
        Duration learnedDelay = Duration.ofNanos(backendLatency.percentileNanos(95).orElse(hedgeDelay.toNanos()));

        return new Result(percentile(plain, 0.50), percentile(plain, 0.99),
                percentile(hedged, 0.50), percentile(hedged, 0.99), hedgedCounts[0], plainCounts[1], hedgedCounts[1],
                percentile(byPercentile, 0.50), percentile(byPercentile, 0.99), learnedCounts[0], learnedCounts[1],
                learnedDelay);
    }

    private static long[] run(FanOut fanOut, GatherPolicy policy, int requests, Duration fast, Duration slow,
            int slowEvery, int[] counts) throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        Callable<String> backend = () -> {
            boolean isSlow = calls.incrementAndGet() % slowEvery == 0;
            Sleeper.system().sleep(isSlow ? slow : fast); // simulated service time
            return isSlow ? "slow answer" : "fast answer";
        };
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = Ticker.system().read();
            Gathered<String> r = fanOut.gather(policy, List.of(backend));
            latencies[i] = Ticker.system().read() - start;
            counts[0] += r.outcomes().size() - 1; // backup calls
            if (r.firstValue().orElseThrow().equals("slow answer")) {
                counts[1]++;
            }
        }
        return latencies;
    }

    private static Duration percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.max(0, (int) Math.ceil(q * sorted.length) - 1);
        return Duration.ofNanos(sorted[index]);
    }

    /**
     * Runs the demo.
     *
     * @param args unused
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("200 calls; a call takes 10 ms, but 1 in 20 takes 300 ms;");
        System.out.println("a hedge (backup call) goes out after 25 ms, or after the learned p95");
        Result r = compare(200, Duration.ofMillis(10), Duration.ofMillis(300), 20, Duration.ofMillis(25));
        System.out.printf("no hedging     : p50 %d ms, p99 %d ms%n", r.plainP50().toMillis(), r.plainP99().toMillis());
        System.out.printf("hedged at 25 ms: p50 %d ms, p99 %d ms (%d backup calls)%n",
                r.hedgedP50().toMillis(), r.hedgedP99().toMillis(), r.backupCalls());
        System.out.printf("hedged at p95  : p50 %d ms, p99 %d ms (%d backup calls, learned delay %.1f ms)%n",
                r.percentileP50().toMillis(), r.percentileP99().toMillis(), r.percentileBackupCalls(),
                r.learnedDelay().toNanos() / 1e6);
        System.out.println("Shown: a few backup calls cut the slow tail (p99) without changing the median.");
    }
}
