package dev.patterns.examples.pipeline;

import dev.patterns.pipeline.DeadLetter;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.PoolSizing;
import dev.patterns.pipeline.StageStats;
import dev.patterns.pipeline.WorkKind;
import dev.patterns.time.Sleeper;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * A real-time event-processing platform in one pipeline:
 * <pre>
 *   ingest (virtual-thread producers at a target rate, with a burst)
 *     → classify (CPU; malformed events → dead letters)
 *     → analyse  (CPU-heavy scoring, one worker per core)
 *     → store    (I/O: a timed park per write on 256 virtual threads; transient failures retried,
 *                 permanent ones → dead letters)
 *     → alert    (raises an alert for anomalous events)
 * </pre>
 * Live stats (ingest rate, and per stage: queue depth, items in flight, rate) are printed once a
 * second; at the end the pipeline is shut down gracefully and the accounting is printed:
 * every accepted event is delivered or dead-lettered, and the books balance.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec
 * -Ddemo=dev.patterns.examples.pipeline.EventPlatformDemo -Ddemo.args="300000 50000"}
 * (arguments: events, events per second; both optional).
 */
public final class EventPlatformDemo {

    /**
     * What to run.
     *
     * @param events events to ingest in total
     * @param ratePerSecond the target ingest rate outside the burst
     * @param burstFactor how much faster events arrive during the burst (the middle tenth)
     * @param producers ingesting virtual threads
     * @param analyseWork scoring iterations per event (CPU work in the analyse stage)
     * @param storeLatency the simulated write latency of the store stage
     * @param storeWorkers concurrent writes (virtual threads)
     * @param statsEvery how often live stats are printed
     */
    public record Config(long events, int ratePerSecond, int burstFactor, int producers, int analyseWork,
                         Duration storeLatency, int storeWorkers, Duration statsEvery) {

        /** Validates the numbers. */
        public Config {
            if (events < 0 || ratePerSecond < 1 || burstFactor < 1 || producers < 1 || analyseWork < 0
                    || storeWorkers < 1 || storeLatency.isNegative() || statsEvery.isNegative() || statsEvery.isZero()) {
                throw new IllegalArgumentException("config: " + events + "/" + ratePerSecond + "/" + burstFactor + "/"
                        + producers + "/" + analyseWork + "/" + storeLatency + "/" + storeWorkers + "/" + statsEvery
                        + " (expected: events >= 0, rate, burst, producers, storeWorkers >= 1, positive durations)");
            }
        }

        /**
         * The configuration {@link #main} runs: 300,000 events at 50,000/s with a 3× burst, about
         * 7 seconds.
         *
         * @param events events to ingest
         * @param ratePerSecond the target rate
         * @return the configuration
         */
        public static Config standard(long events, int ratePerSecond) {
            return new Config(events, ratePerSecond, 3, 8, 4_000, Duration.ofMillis(2), 256, Duration.ofSeconds(1));
        }
    }

    /**
     * What happened.
     *
     * @param ingested events the producers sent (each send returned normally)
     * @param alerts alerts raised
     * @param deadLetters dead letters per sink
     * @param stats the pipeline's final stats
     * @param statLines the live stats lines printed
     * @param elapsed from the first event to termination
     */
    public record Result(long ingested, long alerts, Map<String, Long> deadLetters, PipelineStats stats,
                         List<String> statLines, Duration elapsed) {
    }

    /** An incoming event. */
    record Event(long id, String source, String type, String payload) {
    }

    /** An event with its category. */
    record Classified(Event event, String category, int severity) {
    }

    /** An event with its risk score. */
    record Scored(Classified classified, long score, boolean anomalous) {
    }

    /** Thrown by the simulated store on a write that may succeed if tried again. */
    static final class TransientStoreException extends Exception {
        private static final long serialVersionUID = 1L;

        TransientStoreException(long id) {
            super("write timed out for event " + id, null, false, false);
        }
    }

    private EventPlatformDemo() {
    }

    /**
     * Runs the platform and prints live stats and the final accounting.
     *
     * @param args optional: events, events per second
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        run(Config.standard(events, rate), System.out);
    }

    // ---- the event source: deterministic, so tests know what to expect ----

    static Event event(long id) {
        String[] types = {"metric", "log", "trace", "audit"};
        String payload = id % 200 == 7 ? "###" : "sev=" + (id % 97 == 0 ? 9 : id % 5) + ";v=" + (id * 31 % 1000);
        return new Event(id, "sensor-" + (id % 50), types[(int) (id % 4)], payload);
    }

    /** Whether an event's payload cannot be parsed (goes to the classify dead letters). */
    static boolean malformed(long id) {
        return id % 200 == 7;
    }

    /** Whether the store fails the first write of an event and accepts the retry. */
    static boolean transientStoreFailure(long id) {
        return id % 100 == 42;
    }

    /** Whether the store rejects every write of an event (goes to the store dead letters). */
    static boolean permanentStoreFailure(long id) {
        return id % 1000 == 999;
    }

    /** Whether an event is anomalous (raises an alert if it gets stored). */
    static boolean anomalous(long id) {
        return id % 97 == 0;
    }

    // ---- the stages ----

    static Classified classify(Event e) {
        if (!e.payload().startsWith("sev=")) {
            throw new IllegalArgumentException("malformed payload '" + e.payload() + "'");
        }
        int severity = e.payload().charAt(4) - '0';
        String category = switch (e.type()) {
            case "audit" -> "security";
            case "metric" -> severity >= 4 ? "capacity" : "health";
            default -> "diagnostics";
        };
        return new Classified(e, category, severity);
    }

    static Scored analyse(Classified c, int work) {
        long h = c.event().id() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < work; i++) {
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
        }
        return new Scored(c, h, c.severity() >= 9);
    }

    private static ErrorPolicy deadLetters(String sink, Map<String, LongAdder> counts,
                                           ConcurrentLinkedQueue<DeadLetter> examples) {
        counts.put(sink, new LongAdder());
        return ErrorPolicy.deadLetter(sink, dl -> {
            counts.get(dl.sink()).increment();
            if (examples.stream().filter(e -> e.sink().equals(dl.sink())).count() < 2) {
                examples.add(dl);          // a couple of examples per sink for the summary
            }
        });
    }

    /**
     * Runs the platform to the end and returns what happened.
     *
     * @param config what to run
     * @param out where to print live stats and the summary
     * @return the counts, taken after every thread ended
     * @throws InterruptedException if interrupted
     */
    public static Result run(Config config, PrintStream out) throws InterruptedException {
        Sleeper sleeper = Sleeper.system();
        Map<String, LongAdder> dlq = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<DeadLetter> examples = new ConcurrentLinkedQueue<>();
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        AtomicLong alerts = new AtomicLong();
        List<String> alertSamples = new ArrayList<>();
        long storeLatencyNanos = config.storeLatency().toNanos();

        Pipeline<Event> platform = Pipeline.<Event>fromSink("events", 4096)
                .map("classify", EventPlatformDemo::classify, s -> s
                        .kind(WorkKind.CPU).concurrency(1)
                        .errorPolicy(deadLetters("classify-dlq", dlq, examples)))
                .map("analyse", c -> analyse(c, config.analyseWork()), s -> s
                        .kind(WorkKind.CPU).concurrency(PoolSizing.forCpu()).buffer(2048))
                .map("store", scored -> {
                    long id = scored.classified().event().id();
                    sleeper.sleepNanos(storeLatencyNanos);          // the write's round trip
                    if (permanentStoreFailure(id) || (transientStoreFailure(id) && failedOnce.add(id))) {
                        throw new TransientStoreException(id);
                    }
                    return scored;
                }, s -> s
                        .kind(WorkKind.IO).concurrency(config.storeWorkers()).buffer(2048)
                        .errorPolicy(ErrorPolicy.retry(3, Duration.ofMillis(1))
                                .whenExhausted(deadLetters("store-dlq", dlq, examples))))
                .start("alert", scored -> {
                    if (scored.anomalous()) {
                        if (alerts.incrementAndGet() <= 3) {
                            alertSamples.add("event " + scored.classified().event().id() + " from "
                                    + scored.classified().event().source() + " (" + scored.classified().category() + ")");
                        }
                    }
                }, s -> s.buffer(2048));

        out.printf("event platform: %,d events at %,d/s (x%d burst in the middle tenth); stages:%n", config.events(),
                config.ratePerSecond(), config.burstFactor());
        for (StageStats st : platform.stats().stages()) {
            out.printf("  %-8s %-3s x%-3d queue in front %,6d%n", st.name(), st.kind(), st.workers(), st.queueCapacity());
        }
        StringBuilder header = new StringBuilder(String.format("%6s %9s |", "t", "ingest/s"));
        for (StageStats st : platform.stats().stages()) {
            header.append(String.format(" %" + columnWidth(st.name()) + "s", "q " + st.name()));
        }
        header.append(String.format(" | %6s %11s %7s %7s", "busy", "delivered/s", "dead", "alerts"));
        out.println("live, each second: events queued in front of each stage (q), workers busy, rates, totals");
        out.println(header);

        long start = System.nanoTime();
        LongAdder ingested = new LongAdder();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < config.producers(); p++) {
            int first = p;
            producers.add(Thread.ofVirtual().name("ingest-" + p).start(() -> ingest(config, first, start, platform, ingested, sleeper)));
        }

        Queue<String> statLines = new ConcurrentLinkedQueue<>();   // written by the stats thread
        Thread reporter = Thread.ofVirtual().name("stats").start(() -> {
            Map<String, Long> lastDone = new HashMap<>();
            long lastIngested = 0;
            long lastTick = start;
            try {
                while (!platform.isTerminated()) {
                    sleeper.sleep(config.statsEvery());
                    long now = System.nanoTime();
                    double seconds = (now - lastTick) / 1e9;
                    PipelineStats st = platform.stats();
                    long in = ingested.sum();
                    StringBuilder line = new StringBuilder(String.format("%5.1fs %,9.0f |",
                            (now - start) / 1e9, (in - lastIngested) / seconds));
                    long busy = 0;
                    double deliveredPerSecond = 0;
                    for (StageStats s : st.stages()) {
                        long done = s.done() + s.filtered() + s.deadLettered();
                        long before = lastDone.getOrDefault(s.name(), 0L);
                        line.append(String.format(" %," + columnWidth(s.name()) + "d", s.queueDepth()));
                        busy += s.inFlight();
                        deliveredPerSecond = (done - before) / seconds;     // the last stage's rate
                        lastDone.put(s.name(), done);
                    }
                    line.append(String.format(" | %,6d %,11.0f %,7d %,7d", busy, deliveredPerSecond,
                            st.deadLettered(), alerts.get()));
                    statLines.add(line.toString());
                    out.println(line);
                    lastIngested = in;
                    lastTick = now;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        for (Thread t : producers) {
            t.join();
        }
        platform.shutdown();                 // the poison pill: stages drain one after another
        PipelineStats stats = platform.join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        reporter.interrupt();
        reporter.join();

        Map<String, Long> dead = new HashMap<>();
        dlq.forEach((k, v) -> dead.put(k, v.sum()));
        out.printf("done in %.1fs: %s%n", elapsed.toNanos() / 1e9, stats.state());
        for (StageStats s : stats.stages()) {
            out.printf("  %-8s done %,9d  dead-lettered %,6d  retried %,6d  average %,9.0f/s%n", s.name(),
                    s.done(), s.deadLettered(), s.retried(), s.throughput());
        }
        out.printf("  alerts raised: %,d, for example:%n", alerts.get());
        for (String alert : alertSamples) {
            out.printf("    %s%n", alert);
        }
        out.printf("  dead letters: %s; for example:%n", dead.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        for (DeadLetter dl : examples) {
            out.printf("    %s: %s after %d attempt(s): %s%n", dl.sink(), describe(dl.item()), dl.attempts(),
                    dl.error().getMessage());
        }
        out.printf("accounting: accepted %,d = delivered %,d + filtered %,d + dead-lettered %,d%n"
                        + "            + failed %,d + returned %,d -> %s%n",
                stats.accepted(), stats.delivered(), stats.filtered(), stats.deadLettered(), stats.failed(),
                stats.returned(), stats.balanced() ? "balanced" : "NOT BALANCED");
        out.println("Shown: the burst filled the queues and held the producers back; every accepted event was "
                + "delivered or dead-lettered.");
        return new Result(ingested.sum(), alerts.get(), dead, stats, List.copyOf(statLines), elapsed);
    }

    /** The width of a live-stats column headed "q name". */
    private static int columnWidth(String stage) {
        return Math.max(7, stage.length() + 2);
    }

    /** A dead letter's item in words: which event it was. */
    static String describe(Object item) {
        return switch (item) {
            case Event e -> "event " + e.id() + " from " + e.source();
            case Classified c -> "event " + c.event().id() + " from " + c.event().source();
            case Scored s -> "event " + s.classified().event().id() + " from " + s.classified().event().source();
            default -> String.valueOf(item);
        };
    }

    /** Sends this producer's share of the events (every producers-th id) at its share of the rate. */
    private static void ingest(Config config, int first, long start, Pipeline<Event> platform, LongAdder ingested,
                               Sleeper sleeper) {
        long n = config.events();
        long burstFrom = n * 45 / 100;
        long burstTo = n * 55 / 100;
        double nanosPerEvent = 1e9 / config.ratePerSecond();
        try {
            for (long id = first; id < n; id += config.producers()) {
                // when event `id` is due: slower before and after the burst, faster inside it
                double due;
                if (id < burstFrom) {
                    due = id * nanosPerEvent;
                } else if (id < burstTo) {
                    due = burstFrom * nanosPerEvent + (id - burstFrom) * nanosPerEvent / config.burstFactor();
                } else {
                    due = burstFrom * nanosPerEvent + (burstTo - burstFrom) * nanosPerEvent / config.burstFactor()
                            + (id - burstTo) * nanosPerEvent;
                }
                long wait = start + (long) due - System.nanoTime();
                if (wait > 200_000) {
                    sleeper.sleepNanos(wait);
                }
                platform.input().send(event(id));    // blocks while the pipeline is full
                ingested.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
