package dev.patterns.examples.pipeline;

import dev.patterns.pipeline.StageStats;
import dev.patterns.pipeline.WorkKind;
import dev.patterns.pipeline.WorkerPool;
import dev.patterns.time.Sleeper;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A scaling analytics backend: many virtual-thread ingesters offer events at a target rate, with
 * a burst, to a {@link WorkerPool} whose heavy stage takes an artificial delay per event; an
 * aggregator reads the pool's output. The same load runs against several pool sizes and a table
 * shows throughput against worker count, with the input queue's depth (sampled) and the time the
 * ingesters spent blocked: with too few workers the queue sits at its capacity and the ingesters
 * wait (backpressure), so memory stays bounded instead of the backlog growing.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec
 * -Ddemo=dev.patterns.examples.pipeline.AnalyticsBackendDemo -Ddemo.args="1,4,16,64"}
 * (argument: the worker counts to compare, optional).
 */
public final class AnalyticsBackendDemo {

    /**
     * What to run for each pool size.
     *
     * @param workerCounts the pool sizes to compare
     * @param ingesters concurrent ingesting virtual threads
     * @param ratePerSecond the offered rate outside the burst
     * @param burstFactor how much faster events arrive during the burst
     * @param duration how long the ingesters offer events (the burst is its middle fifth)
     * @param heavyDelay the artificial delay of the heavy stage, per event
     * @param queueCapacity the pool's input capacity
     * @param sampleEvery how often the input queue's depth is sampled
     */
    public record Config(List<Integer> workerCounts, int ingesters, int ratePerSecond, int burstFactor,
                         Duration duration, Duration heavyDelay, int queueCapacity, Duration sampleEvery) {

        /** Validates the numbers and copies the list. */
        public Config {
            workerCounts = List.copyOf(workerCounts);
            if (workerCounts.isEmpty() || workerCounts.stream().anyMatch(w -> w < 1) || ingesters < 1
                    || ratePerSecond < 1 || burstFactor < 1 || queueCapacity < 1
                    || duration.isNegative() || heavyDelay.isNegative() || sampleEvery.isNegative() || sampleEvery.isZero()) {
                throw new IllegalArgumentException("config: " + workerCounts + "/" + ingesters + "/" + ratePerSecond
                        + "/" + burstFactor + "/" + duration + "/" + heavyDelay + "/" + queueCapacity
                        + " (expected: worker counts, ingesters, rate, burst, capacity >= 1)");
            }
        }

        /**
         * The configuration {@link #main} runs: 100 ingesters offering 5,000 events/s (25,000/s in
         * the burst) for 1.5 s to a heavy stage of 1 ms per event.
         *
         * @param workerCounts the pool sizes to compare
         * @return the configuration
         */
        public static Config standard(List<Integer> workerCounts) {
            return new Config(workerCounts, 100, 5_000, 5, Duration.ofMillis(1500), Duration.ofMillis(1), 512,
                    Duration.ofMillis(20));
        }
    }

    /**
     * One pool size's run.
     *
     * @param workers the pool size
     * @param offered events the ingesters tried to send
     * @param accepted events the pool accepted (every send returned)
     * @param processed events the aggregator received
     * @param seconds from the first offer until the pool terminated
     * @param throughput processed per second
     * @param maxQueueDepth the deepest the input queue was seen
     * @param queueCapacity its capacity
     * @param ingestBlockedMillis total time ingesters spent waiting in {@code send}
     * @param finalStats the pool's stats after termination
     */
    public record Row(int workers, long offered, long accepted, long processed, double seconds, double throughput,
                      int maxQueueDepth, int queueCapacity, long ingestBlockedMillis, StageStats finalStats) {
    }

    /**
     * What happened.
     *
     * @param rows one per pool size, in the order given
     */
    public record Result(List<Row> rows) {
    }

    private AnalyticsBackendDemo() {
    }

    /**
     * Runs the comparison and prints the table.
     *
     * @param args optional: comma-separated worker counts (default 1,4,16,64)
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        List<Integer> counts = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "1,4,16,64").split(",")) {
            counts.add(Integer.parseInt(s.trim()));
        }
        run(Config.standard(counts), System.out);
    }

    /**
     * Runs the load against each pool size and returns the table.
     *
     * @param config what to run
     * @param out where to print the table
     * @return the rows, each taken after its pool terminated
     * @throws InterruptedException if interrupted
     */
    public static Result run(Config config, PrintStream out) throws InterruptedException {
        out.printf("analytics backend: %d ingesters offering %,d events/s (x%d burst) for %.1fs; heavy stage %d ms/event;"
                        + " queue %d%n", config.ingesters(), config.ratePerSecond(), config.burstFactor(),
                config.duration().toMillis() / 1e3, config.heavyDelay().toMillis(), config.queueCapacity());
        out.printf("%8s %9s %9s %9s %7s %12s %14s %14s%n", "workers", "offered", "accepted", "processed", "secs",
                "events/s", "max queue", "blocked ms");
        List<Row> rows = new ArrayList<>();
        for (int workers : config.workerCounts()) {
            Row row = runOne(config, workers);
            rows.add(row);
            out.printf("%8d %,9d %,9d %,9d %7.2f %,12.0f %9d/%-4d %,14d%n", row.workers(), row.offered(), row.accepted(),
                    row.processed(), row.seconds(), row.throughput(), row.maxQueueDepth(), row.queueCapacity(),
                    row.ingestBlockedMillis());
        }
        out.println("every accepted event was processed: "
                + rows.stream().allMatch(r -> r.accepted() == r.processed()));
        return new Result(rows);
    }

    private static Row runOne(Config config, int workers) throws InterruptedException {
        Sleeper sleeper = Sleeper.system();
        long delay = config.heavyDelay().toNanos();
        WorkerPool<Long, Long> heavy = WorkerPool.<Long, Long>builder("heavy", id -> {
            sleeper.sleepNanos(delay);                  // the artificial delay: a call, a disk read
            return id * 31;
        }).kind(WorkKind.IO).concurrency(workers).inputCapacity(config.queueCapacity()).outputCapacity(1024).start();

        LongAdder processed = new LongAdder();
        Thread aggregator = Thread.ofVirtual().name("aggregate").start(() -> {
            try {
                heavy.output().consume(x -> processed.increment());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicInteger maxDepth = new AtomicInteger();
        Thread sampler = Thread.ofVirtual().name("sampler").start(() -> {
            try {
                while (!heavy.isTerminated()) {
                    maxDepth.accumulateAndGet(heavy.stats().queueDepth(), Math::max);
                    sleeper.sleep(config.sampleEvery());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        LongAdder offered = new LongAdder();
        LongAdder accepted = new LongAdder();
        LongAdder blockedNanos = new LongAdder();
        long start = System.nanoTime();
        long end = start + config.duration().toNanos();
        long burstFrom = start + config.duration().toNanos() * 2 / 5;
        long burstTo = start + config.duration().toNanos() * 3 / 5;
        // each ingester's share of the rate, as the gap between its offers
        long gap = (long) (1e9 * config.ingesters() / config.ratePerSecond());
        List<Thread> ingesters = new ArrayList<>();
        for (int i = 0; i < config.ingesters(); i++) {
            long seed = i;
            ingesters.add(Thread.ofVirtual().name("ingest-" + i).start(() -> {
                try {
                    long next = start + gap * seed / config.ingesters();
                    for (long n = 0; ; n++) {
                        long now = System.nanoTime();
                        if (now - end >= 0) {
                            break;
                        }
                        if (next - now > 0) {
                            sleeper.sleepNanos(next - now);
                        }
                        offered.increment();
                        long before = System.nanoTime();
                        heavy.input().send(seed * 1_000_000_000L + n);
                        long after = System.nanoTime();
                        accepted.increment();
                        blockedNanos.add(after - before);
                        boolean burst = next - burstFrom >= 0 && next - burstTo < 0;
                        next += burst ? gap / config.burstFactor() : gap;
                        if (after - next > gap * 4) {
                            next = after;               // blocked for long: do not catch up in a rush
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : ingesters) {
            t.join();
        }
        heavy.close();                                   // poison pill: drain, then close the output
        aggregator.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.join();
        return new Row(workers, offered.sum(), accepted.sum(), processed.sum(), seconds, processed.sum() / seconds,
                maxDepth.get(), config.queueCapacity(), blockedNanos.sum() / 1_000_000, heavy.stats());
    }
}
