package dev.patterns.examples.channel;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelStats;
import dev.patterns.channel.Overflow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Collectors;

/**
 * Several producers and consumers on one bounded channel: the producers are faster, so the
 * channel fills and their sends wait (backpressure, printed as the time they spent blocked and as
 * samples of the channel's depth); when they are done the main thread closes the channel and the
 * consumers end by themselves once it is drained (no sentinel values). A second channel with
 * {@link Overflow#DROP_OLDEST} carries progress samples to a slow reporter: it never slows the
 * producers down, and every sample it drops is counted. At the end every count is printed and
 * checked: {@code sent == received + dropped}.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.channel.ChannelDemo}
 */
public final class ChannelDemo {

    /**
     * What the demo does.
     *
     * @param producers producer threads
     * @param consumers consumer threads
     * @param jobsPerProducer jobs each producer sends
     * @param capacity the jobs channel's capacity
     * @param workPerJob busy-work iterations per job in a consumer (makes consumers the bottleneck)
     */
    public record Config(int producers, int consumers, int jobsPerProducer, int capacity, int workPerJob) {
        /** Validates the numbers. */
        public Config {
            if (producers < 1 || consumers < 1 || jobsPerProducer < 0 || capacity < 1 || workPerJob < 0) {
                throw new IllegalArgumentException("config: " + producers + "/" + consumers + "/" + jobsPerProducer
                        + "/" + capacity + "/" + workPerJob + " (expected: producers, consumers, capacity >= 1)");
            }
        }

        /** The configuration {@link #main} runs. */
        public static Config standard() {
            return new Config(4, 3, 50_000, 64, 1_500);
        }
    }

    /**
     * What happened.
     *
     * @param produced jobs the producers sent (each send returned normally)
     * @param consumedPerConsumer jobs each consumer's {@code consume} loop handled
     * @param producerBlockedNanos total time producers spent waiting for space
     * @param blockedSends sends that found the channel full and waited
     * @param maxDepthSeen the deepest the jobs channel was seen by the sampler
     * @param depthSamples how many depth samples were taken
     * @param jobs the jobs channel's final stats
     * @param samples the progress channel's final stats
     * @param samplesReported progress samples the reporter received
     * @param samplesDroppedSeen progress samples the drop handler saw
     */
    public record Result(long produced, List<Long> consumedPerConsumer, long producerBlockedNanos, long blockedSends,
            int maxDepthSeen, long depthSamples, ChannelStats jobs, ChannelStats samples, long samplesReported,
            long samplesDroppedSeen) {

        /** Returns the jobs the consumers handled in total. */
        public long consumed() {
            return consumedPerConsumer.stream().mapToLong(Long::longValue).sum();
        }
    }

    private ChannelDemo() {
    }

    /**
     * Runs the demo with the standard configuration and prints what happened.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("4 producers send 200,000 jobs into a 64-slot channel; 3 consumers take them;");
        System.out.println("a 16-slot DROP_OLDEST channel carries progress samples");
        Result r = run(Config.standard());
        ChannelStats j = r.jobs();
        ChannelStats s = r.samples();
        System.out.printf("jobs channel (capacity %d, %s)%n", j.capacity(), Overflow.BLOCK);
        System.out.printf("  producers sent %,d jobs; %,d sends found it full and waited %,d ms in total%n",
                r.produced(), r.blockedSends(), TimeUnit.NANOSECONDS.toMillis(r.producerBlockedNanos()));
        System.out.printf("  depth: max %d of %d over %,d samples%n", r.maxDepthSeen(), j.capacity(), r.depthSamples());
        System.out.printf("  consumers handled %s = %,d, then saw end-of-stream%n",
                r.consumedPerConsumer().stream().map(n -> String.format("%,d", n)).collect(Collectors.joining(" + ")),
                r.consumed());
        System.out.printf("  stats: sent %,d = received %,d + dropped %,d + left %d -> %s%n",
                j.sent(), j.received(), j.dropped(), j.size(), conserved(j) ? "conserved" : "NOT CONSERVED");
        System.out.printf("progress channel (capacity %d, %s)%n", s.capacity(), Overflow.DROP_OLDEST);
        System.out.printf("  stats: sent %,d = received %,d + dropped %,d + left %d -> %s (reporter saw %,d, drop handler %,d)%n",
                s.sent(), s.received(), s.dropped(), s.size(), conserved(s) ? "conserved" : "NOT CONSERVED",
                r.samplesReported(), r.samplesDroppedSeen());
        System.out.println("Shown: producers were held back at 64 queued jobs, every job was handled once, "
                + "and close() ended the consumers.");
    }

    /**
     * The smallest use of a channel, as shown in the README: one producer with backpressure, one
     * consumer that ends at end-of-stream, and a drop-oldest side channel whose drops are counted.
     *
     * @return the jobs channel's final stats
     * @throws InterruptedException if interrupted
     */
    public static ChannelStats handOff() throws InterruptedException {
        AtomicLong samplesDropped = new AtomicLong();
        Channel<Long> jobs = Channel.bounded(64);
        Channel<Long> progress = Channel.<Long>builder(16)
                .overflow(Overflow.DROP_OLDEST)                   // latest samples win
                .onDrop(stale -> samplesDropped.incrementAndGet()) // every drop is seen and counted
                .build();

        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                jobs.consume(job -> progress.trySend(job));  // every accepted job, then returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (long job = 0; job < 10_000; job++) {
            jobs.send(job);          // waits while 64 jobs are queued: backpressure
        }
        jobs.close();                // no more jobs: the consumer ends once the channel is drained
        consumer.join();
        return jobs.stats();         // sent == received + dropped + size
    }

    static boolean conserved(ChannelStats s) {
        return s.sent() == s.received() + s.dropped() + s.size();
    }

    /**
     * Runs producers and consumers to completion and returns the counts.
     *
     * @param config what to run
     * @return the counts, taken after every thread ended
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static Result run(Config config) throws InterruptedException {
        Channel<Long> jobs = Channel.bounded(config.capacity());
        AtomicLong samplesDropped = new AtomicLong();
        Channel<Long> progress = Channel.<Long>builder(16)
                .overflow(Overflow.DROP_OLDEST)
                .onDrop(stale -> samplesDropped.incrementAndGet())
                .build();

        AtomicLong produced = new AtomicLong();
        AtomicLong blockedNanos = new AtomicLong();
        AtomicLong blockedSends = new AtomicLong();
        LongAccumulator maxDepth = new LongAccumulator(Math::max, 0);
        AtomicInteger samplesTaken = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            maxDepth.accumulate(jobs.size());
            samplesTaken.incrementAndGet();
        }, 0, 1, TimeUnit.MILLISECONDS);

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < config.producers(); p++) {
            long base = (long) p * config.jobsPerProducer();
            producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                try {
                    for (int i = 0; i < config.jobsPerProducer(); i++) {
                        Long job = base + i;
                        if (!jobs.trySend(job)) {
                            // Full: wait for space. This wait is the backpressure.
                            long start = System.nanoTime();
                            jobs.send(job);
                            blockedNanos.addAndGet(System.nanoTime() - start);
                            blockedSends.incrementAndGet();
                        }
                        produced.incrementAndGet();
                        if (i % 100 == 0) {
                            progress.trySend(job);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        long[] consumed = new long[config.consumers()];
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < config.consumers(); c++) {
            int me = c;
            consumers.add(Thread.ofPlatform().name("consumer-" + c).start(() -> {
                try {
                    // Ends by itself once the channel is closed and drained.
                    consumed[me] = jobs.consume(job -> work(job, config.workPerJob()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        long[] reported = new long[1];
        Thread reporter = Thread.ofVirtual().name("reporter").start(() -> {
            try {
                reported[0] = progress.consume(sample -> work(sample, 2_000 * config.workPerJob()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        for (Thread t : producers) {
            t.join();
        }
        jobs.close();
        progress.close();
        for (Thread t : consumers) {
            t.join();
        }
        reporter.join();
        sampler.shutdown();
        if (!sampler.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("depth sampler did not stop");
        }
        List<Long> perConsumer = new ArrayList<>();
        for (long n : consumed) {
            perConsumer.add(n);
        }
        return new Result(produced.get(), List.copyOf(perConsumer), blockedNanos.get(), blockedSends.get(),
                (int) maxDepth.get(), samplesTaken.get(), jobs.stats(), progress.stats(), reported[0],
                samplesDropped.get());
    }

    /** Stands in for real work: a little arithmetic the JIT cannot remove. */
    private static volatile long sink;

    private static void work(long job, int iterations) {
        long x = job;
        for (int i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }
}
