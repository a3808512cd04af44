package dev.patterns.examples.async;

import dev.patterns.async.SingleFlightStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.async.SingleFlight;
import dev.patterns.time.Sleeper;

/**
 * Cache stampede: a hot key has just expired and 1,000 requests arrive at once. Misses go through
 * a {@link SingleFlight}, so the backend sees one query instead of a thousand.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.async.CacheStampedeDemo}
 */
public final class CacheStampedeDemo {

    /**
     * What the stampede cost.
     *
     * @param requests requests served
     * @param backendQueries queries that reached the backend
     * @param sharedAnswers requests that shared another request's query
     * @param stats the single-flight's own counters after the stampede
     */
    public record Result(int requests, int backendQueries, int sharedAnswers, SingleFlightStats stats) {}

    private CacheStampedeDemo() {}

    /**
     * Sends {@code requests} concurrent virtual-thread requests for one expired key.
     *
     * @param requests how many
     * @param backendLatency how long the backend query takes
     * @return the counts
     * @throws InterruptedException if interrupted
     */
    public static Result stampede(int requests, Duration backendLatency) throws InterruptedException {
        ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>(); // "product:42" has expired
        SingleFlight<String, String> flights = SingleFlight.create();
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger shared = new AtomicInteger();
        SingleFlight.Loader<String, String> loadAndCache = key -> {
            String cached = cache.get(key); // a late request may find it filled already
            if (cached != null) {
                return cached;
            }
            queries.incrementAndGet();
            Sleeper.system().sleep(backendLatency); // the database query
            String value = "row for " + key;
            cache.put(key, value);
            return value;
        };
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    if (cache.get("product:42") == null
                            && flights.callShared("product:42", loadAndCache).shared()) {
                        shared.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return new Result(requests, queries.get(), shared.get(), flights.stats());
    }

    /**
     * Runs the demo.
     *
     * @param args unused
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("1,000 concurrent requests for one uncached product; the backend query takes 50 ms");
        Result r = stampede(1_000, Duration.ofMillis(50));
        System.out.printf("requests %,d; backend queries %,d; requests that shared the one query %,d "
                + "(the rest found the cache filled)%n", r.requests(), r.backendQueries(), r.sharedAnswers());
        System.out.printf("single-flight: calls %,d = executions %,d + shared %,d; failures %,d; in flight %,d%n",
                r.stats().calls(), r.stats().executions(), r.stats().sharedCalls(), r.stats().failures(),
                r.stats().inFlight());
        System.out.println("Shown: a stampede of 1,000 misses reached the backend once.");
    }
}
