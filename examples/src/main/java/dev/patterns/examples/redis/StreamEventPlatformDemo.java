package dev.patterns.examples.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.channel.redis.RedisStreamBuilder;
import dev.patterns.channel.redis.RedisStreamConsumer;
import dev.patterns.channel.redis.RedisStreamProducer;
import dev.patterns.channel.redis.RedisStreamSource;
import dev.patterns.channel.redis.StreamItem;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.IdempotencyGuard;
import dev.patterns.resilience.redis.RedisIdempotencyStore;
import dev.patterns.resilience.redis.ResultCodec;
import dev.patterns.time.Ticker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * An event platform whose input is a Redis stream, killed in the middle and restarted:
 * <pre>
 *   Redis stream "events" → parse (malformed → dead-letter stream) → enrich (2 workers)
 *     → apply (the effect, once per event id through a RedisIdempotencyStore) → acknowledge
 * </pre>
 * The first run is stopped abruptly ({@code shutdownNow}, its consumer and store closed) while the
 * apply stage holds an event whose effect is recorded but not yet acknowledged, and with events in
 * the earlier stages. A second run (another consumer name, as a restarted process would use) takes
 * the un-acknowledged events over after the visibility timeout; the idempotency store replays the
 * event whose effect was already applied. The accounting shows every event applied exactly once or
 * dead-lettered, none lost, none applied twice.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=StreamEventPlatformDemo}
 * (needs {@code redis-server} on the PATH).
 */
public final class StreamEventPlatformDemo {

    private StreamEventPlatformDemo() {
    }

    /** A parsed event. */
    record Event(String id, String kind, long amount) {

        static Event parse(String line) {
            String[] f = line.split(",");
            if (f.length != 3) {
                throw new IllegalArgumentException("malformed event: '" + line + "' (expected: id,kind,amount)");
            }
            return new Event(f[0], f[1], Long.parseLong(f[2]));
        }
    }

    /**
     * The accounting of a run.
     *
     * @param sent events sent to the stream
     * @param appliedFirstRun effects applied before the kill
     * @param appliedSecondRun effects applied after the restart
     * @param replayed events delivered again whose effect the store had recorded (not applied again)
     * @param reclaimed deliveries the second run took over from the killed one
     * @param deadLettered malformed events in the dead-letter stream
     * @param appliedTwice event ids whose effect ran more than once
     * @param missing events neither applied nor dead-lettered
     */
    public record Result(int sent, int appliedFirstRun, int appliedSecondRun, long replayed, long reclaimed,
            long deadLettered, long appliedTwice, long missing) {
    }

    static String line(int i) {
        return i % 97 == 13 ? "e" + i + ",???" : "e" + i + "," + (i % 3 == 0 ? "refund" : "payment") + "," + (i % 50 + 1);
    }

    /**
     * Sends {@code n} events, runs the platform until it has applied {@code killAfter} effects,
     * kills it, restarts it, and counts.
     *
     * @param uri the Redis URI
     * @param n how many events
     * @param killAfter after how many applied effects the first run dies
     * @return the accounting
     * @throws Exception if a run fails
     */
    public static Result run(String uri, int n, int killAfter) throws Exception {
        RedisStreamBuilder<String> events = RedisStreamBuilder.ofStrings("events").uri(uri)
                .visibilityTimeout(Duration.ofMillis(500));
        try (RedisStreamProducer<String> out = events.producer()) {
            for (int i = 0; i < n; i++) {
                out.send(line(i));
            }
        } // closed: the consumers see the end of the stream once every event is settled
        Map<String, Integer> effects = new ConcurrentHashMap<>(); // stands for the database the platform writes
        AtomicInteger applied = new AtomicInteger();

        CountDownLatch dying = new CountDownLatch(1);
        int first;
        try (RedisStreamConsumer<String> in = events.consumer("worker-1"); RedisIdempotencyStore<String, String> store = store(uri)) {
            IdempotencyGuard<String, String> guard = IdempotencyGuard.of(store, Ticker.system());
            RedisStreamSource<String> source = RedisStreamSource.of(in, 32);
            Pipeline<StreamItem<String>> pipeline = platform("run-1", source, guard, effects, applied, killAfter, dying);
            source.start(pipeline);
            if (!dying.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first run did not reach " + killAfter + " effects in 60 s");
            }
            pipeline.shutdownNow(Duration.ofSeconds(10)); // the process dies: nothing more is acknowledged
            source.stop();
            source.awaitTermination(Duration.ofSeconds(10));
            first = applied.get();
        }

        applied.set(0);
        try (RedisStreamConsumer<String> in = events.consumer("worker-2"); RedisIdempotencyStore<String, String> store = store(uri)) {
            IdempotencyGuard<String, String> guard = IdempotencyGuard.of(store, Ticker.system());
            RedisStreamSource<String> source = RedisStreamSource.of(in, 32);
            Pipeline<StreamItem<String>> pipeline = platform("run-2", source, guard, effects, applied, Integer.MAX_VALUE,
                    new CountDownLatch(1));
            source.start(pipeline);
            if (!source.awaitTermination(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the second run did not reach the end of the stream in 60 s");
            }
            pipeline.join();
            long deadLettered = deadLetters(uri);
            long twice = effects.values().stream().filter(c -> c > 1).count();
            long missing = n - effects.size() - deadLettered;
            return new Result(n, first, applied.get(), store.stats().replayed(), in.stats().reclaimed(), deadLettered,
                    twice, missing);
        }
    }

    private static long deadLetters(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().xlen("events:dead");
        } finally {
            client.shutdown();
        }
    }

    private static RedisIdempotencyStore<String, String> store(String uri) {
        return RedisIdempotencyStore.<String, String>builder(ResultCodec.strings()).uri(uri)
                .keyPrefix("platform:done:").retention(Duration.ofHours(1)).build();
    }

    private static Pipeline<StreamItem<String>> platform(String name, RedisStreamSource<String> source,
            IdempotencyGuard<String, String> guard, Map<String, Integer> effects, AtomicInteger applied, int dieAfter,
            CountDownLatch dying) {
        return Pipeline.<StreamItem<String>>fromSink(name, 64)
                .map("parse", source.map(Event::parse), s -> s.errorPolicy(source.deadLetter("malformed", d -> { })))
                .map("enrich", source.map((Event e) -> new Event(e.id(), e.kind().toUpperCase(), e.amount() * 100)),
                        s -> s.concurrency(2))
                .start("apply", source.consume((Event e) -> {
                    guard.execute(e.id(), () -> {
                        effects.merge(e.id(), 1, Integer::sum);
                        applied.incrementAndGet();
                        return "applied";
                    });
                    if (applied.get() == dieAfter) {
                        dying.countDown();
                        new CountDownLatch(1).await(); // killed here: effect recorded, delivery not acknowledged
                    }
                }));
    }

    /**
     * Starts redis-server, runs the platform with a kill in the middle, and prints the accounting.
     *
     * @param args unused
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            Result r = run(redis.uri(), 1_000, 300);
            System.out.printf("%d events sent to the Redis stream 'events'%n", r.sent());
            System.out.printf("  run 1 applied %d, then was killed holding un-acknowledged events%n", r.appliedFirstRun());
            System.out.printf("  run 2 took over %d deliveries after the visibility timeout, applied %d, "
                    + "and %d redelivered event(s) were answered by the idempotency store, not applied again%n",
                    r.reclaimed(), r.appliedSecondRun(), r.replayed());
            System.out.printf("  %d malformed events in 'events:dead'%n", r.deadLettered());
            System.out.printf("  applied + dead-lettered = %d + %d = %d of %d: %d lost, %d applied twice%n",
                    r.appliedFirstRun() + r.appliedSecondRun(), r.deadLettered(),
                    r.appliedFirstRun() + r.appliedSecondRun() + r.deadLettered(), r.sent(), r.missing(), r.appliedTwice());
            if (r.missing() != 0 || r.appliedTwice() != 0) {
                throw new IllegalStateException("accounting does not balance: " + r);
            }
        }
    }
}
