package dev.patterns.examples.actor;

import dev.patterns.actor.AbstractBehavior;
import dev.patterns.actor.ActorContext;
import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.ActorSystemStats;
import dev.patterns.actor.Behavior;
import dev.patterns.pipeline.DeadLetter;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.WorkKind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The event platform's per-source state: a pipeline parses sensor readings (garbled lines go to a
 * dead-letter sink) and its consumer tells each reading to its sensor's actor, which keeps a
 * rolling window and flags a reading far from the window's mean. A full mailbox makes that tell
 * wait, which holds up the pipeline back to its source: backpressure from the actors.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=SensorWindowsDemo}
 */
public final class SensorWindowsDemo {

    static final int WINDOW = 32;          // readings a sensor remembers
    static final double THRESHOLD = 10.0;  // distance from the window's mean that is an anomaly

    private SensorWindowsDemo() {
    }

    /** What a sensor actor understands. */
    public sealed interface SensorMsg permits Reading, Report {
    }

    /** The {@code seq}-th reading of sensor {@code sensor}. */
    public record Reading(int sensor, long seq, double value) implements SensorMsg {
    }

    /** Asks for the sensor's totals. */
    public record Report(ActorRef<Summary> replyTo) implements SensorMsg {
    }

    /** A sensor's totals: readings handled, anomalies flagged, readings out of send order. */
    public record Summary(long readings, long anomalies, long outOfOrder) {
    }

    /** A reading the window flagged. */
    public record Anomaly(int sensor, long seq, double value, double mean) {
    }

    /** One sensor: a ring of its last {@link #WINDOW} normal readings and their sum. */
    static final class Sensor extends AbstractBehavior<SensorMsg> {
        private final double[] window = new double[WINDOW];
        private final Queue<Anomaly> alerts;
        private double sum;
        private long normal;
        private long readings;
        private long anomalies;
        private long outOfOrder;

        Sensor(ActorContext<SensorMsg> context, Queue<Anomaly> alerts) {
            super(context);
            this.alerts = alerts;
        }

        @Override
        protected Behavior<SensorMsg> onMessage(SensorMsg msg) throws InterruptedException {
            switch (msg) {
                case Reading r -> {
                    if (r.seq() != readings++) {
                        outOfOrder++;
                    }
                    double mean = sum / WINDOW;
                    if (normal >= WINDOW && Math.abs(r.value() - mean) > THRESHOLD) {
                        anomalies++;
                        alerts.add(new Anomaly(r.sensor(), r.seq(), r.value(), mean)); // not learned
                    } else {
                        int slot = (int) (normal++ % WINDOW);
                        sum += r.value() - window[slot];
                        window[slot] = r.value();
                    }
                }
                case Report q -> q.replyTo().tell(new Summary(readings, anomalies, outOfOrder));
            }
            return this;
        }
    }

    /**
     * The knobs of a run.
     *
     * @param sensors sensor actors
     * @param lines input lines; every 1,000th is garbled
     * @param mailbox each sensor's mailbox capacity
     * @param seed random seed of the readings and of the injected spikes
     */
    public record Config(int sensors, int lines, int mailbox, long seed) {
    }

    /**
     * What a run did.
     *
     * @param pipeline the pipeline's accounting
     * @param actors the actor system's stats after close
     * @param sent readings generated per sensor
     * @param summaries what each sensor actor reported
     * @param injected the spikes the generator put in, as {@code sensor << 32 | seq}
     * @param detected the anomalies the actors flagged
     * @param garbled the lines the parse stage dead-lettered
     * @param mailboxWaits tells that found the mailbox full and waited
     */
    public record Result(PipelineStats pipeline, ActorSystemStats actors, long[] sent, List<Summary> summaries,
            Set<Long> injected, List<Anomaly> detected, List<DeadLetter> garbled, long mailboxWaits) {
    }

    public static void main(String[] args) throws Exception {
        run(new Config(10_000, 1_000_000, 16, 42), System.out);
    }

    public static Result run(Config config, PrintStream out) throws Exception {
        Queue<Anomaly> alerts = new ConcurrentLinkedQueue<>();
        Queue<DeadLetter> garbled = new ConcurrentLinkedQueue<>();
        LongAdder mailboxWaits = new LongAdder();
        long start = System.nanoTime();
        ActorSystem system = ActorSystem.builder().name("sensors").capacity(config.mailbox()).build();
        List<ActorRef<SensorMsg>> sensors = new ArrayList<>(config.sensors());
        for (int i = 0; i < config.sensors(); i++) {
            sensors.add(system.spawn(Behavior.<SensorMsg>setup(ctx -> new Sensor(ctx, alerts)), "sensor-" + i));
        }
        Pipeline<String> pipeline = Pipeline.<String>fromSink("readings", 1024)
                .map("parse", SensorWindowsDemo::parse, s -> s
                        .kind(WorkKind.CPU).concurrency(2).ordered(256) // each sensor's readings stay in order
                        .errorPolicy(ErrorPolicy.deadLetter("garbled", garbled::add)))
                .start("route", reading -> {
                    ActorRef<SensorMsg> sensor = sensors.get(reading.sensor());
                    if (!sensor.tryTell(reading)) {
                        mailboxWaits.increment();
                        sensor.tell(reading); // waits while the mailbox is full: the pipeline backs up
                    }
                });

        long[] sent = new long[config.sensors()];
        long[] normal = new long[config.sensors()];
        Set<Long> injected = new HashSet<>();
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int i = 0; i < config.lines(); i++) {
            if (i % 1_000 == 999) {
                pipeline.input().send("sensor-?,garbled");
                continue;
            }
            int s = random.nextInt(config.sensors());
            long seq = sent[s]++;
            double value = 20 + 4 * (random.nextDouble() - 0.5);                // normal: 18..22
            if (normal[s] >= WINDOW && random.nextInt(500) == 0) {
                value += random.nextBoolean() ? 30 : -30;                       // a spike
                injected.add((long) s << 32 | seq);
            } else {
                normal[s]++;
            }
            pipeline.input().send(s + "," + seq + "," + value);
        }
        pipeline.shutdown();
        PipelineStats stats = pipeline.join();
        List<Summary> summaries = new ArrayList<>(sensors.size());
        for (ActorRef<SensorMsg> sensor : sensors) {
            summaries.add(sensor.<Summary>ask(Report::new, Duration.ofSeconds(30)).get());
        }
        system.close();
        ActorSystemStats actors = system.stats();
        double seconds = (System.nanoTime() - start) / 1e9;
        long handled = summaries.stream().mapToLong(Summary::readings).sum();
        out.printf(Locale.ROOT, "%,d lines -> parse (2 workers, in order) -> route -> %,d sensor actors in %.2f s%n",
                config.lines(), config.sensors(), seconds);
        out.printf(Locale.ROOT, "pipeline: accepted %,d = delivered %,d + dead-lettered %,d (garbled), balanced: %b%n",
                stats.accepted(), stats.delivered(), stats.deadLettered(), stats.balanced());
        out.printf(Locale.ROOT, "sensors: handled %,d readings (delivered %,d), out of order %,d;"
                        + " tells that waited on a full mailbox: %,d%n",
                handled, stats.delivered(), summaries.stream().mapToLong(Summary::outOfOrder).sum(),
                mailboxWaits.sum());
        out.printf(Locale.ROOT, "anomalies: %,d flagged, %,d spikes injected%n", alerts.size(), injected.size());
        return new Result(stats, actors, sent, summaries, injected, List.copyOf(alerts), List.copyOf(garbled),
                mailboxWaits.sum());
    }

    static Reading parse(String line) {
        String[] f = line.split(",");
        if (f.length != 3) {
            throw new IllegalArgumentException("line: '" + line + "' (expected: sensor,seq,value)");
        }
        return new Reading(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]));
    }
}
