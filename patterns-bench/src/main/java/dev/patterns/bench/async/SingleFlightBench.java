package dev.patterns.bench.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.patterns.async.SingleFlight;

/**
 * Single-flight on one hot key, 1 and 2 threads, beside Caffeine's {@code AsyncCache.get} and the
 * {@code ConcurrentHashMap.computeIfAbsent(k -> new CompletableFuture<>())} idiom.
 *
 * <ul>
 * <li>{@code join*}: the key has an execution in flight (its loader blocks until tear-down); each
 * operation joins it. {@link SingleFlight#callAsync} hands each caller its own future, so to keep
 * the run bounded each operation joins and then leaves by completing its own future
 * ({@code complete}, which unlinks it; {@code cancel} would do the same but also build a
 * {@code CancellationException} with its stack trace, ~2 µs, which the smoke run showed
 * dominating).
 * <ul>
 * <li>{@code joinCaffeine1/2} and {@code joinComputeIfAbsent1/2} return the one shared future:
 * cheapest, but one caller's {@code cancel} (or {@code complete}) would settle it for every
 * waiter. Not like for like with {@code joinPatterns}.</li>
 * <li>{@code joinCaffeineIsolated1/2} and {@code joinComputeIfAbsentIsolated1/2} give each caller
 * the isolation SingleFlight gives, the way a careful user would: {@code shared.copy()} (JDK 9+, a
 * dependent future: completing or cancelling the copy leaves the shared one alone), then leave
 * like {@code joinPatterns} by completing the copy. These are the like-for-like peers.</li>
 * </ul>
 * <li>{@code cycle*}: a whole round per operation with a trivial loader — start (or join), load,
 * complete, unmap — run in the caller's thread (SingleFlight with a direct executor; the idiom's
 * leader completes and removes; Caffeine with an executor of {@code Runnable::run} and an
 * invalidate after each get, so it does not cache).
 * </ul>
 *
 * <p><b>What the isolated rows measure.</b> {@code copy()} pushes a relay completion (holding the
 * copy) onto the shared future's stack of dependents. Completing or cancelling the copy does not
 * remove it: {@code CompletableFuture} unlinks only dependents whose relay has fired
 * ({@code cleanStack} drops a completion once {@code isLive()} is false, i.e. once its {@code dep}
 * link was cleared by firing), and a relay fires only when the shared future completes (JDK 25
 * {@code java.util.concurrent.CompletableFuture}: {@code uniCopyStage}, {@code UniRelay},
 * {@code cleanStack}). So every isolated join leaves its relay and its completed copy reachable
 * from the shared future until the execution ends: memory per waiter grows with the flight's
 * length, where SingleFlight's leave unlinks the waiter at once. To keep that bounded and the same
 * in every iteration, the isolated peers get a fresh in-flight future for each iteration
 * ({@link IsolatedPeers}, {@code Level.Iteration}), completed in the iteration's tear-down (outside
 * the measurement), which fires and frees the iteration's relays. The score therefore includes
 * the garbage collector copying an iteration's worth of live relays and copies (everything a join
 * allocates stays live until the iteration ends); {@code gc.alloc.rate.norm} shows what each join
 * allocates, all of it retained. A real flight lasting milliseconds retains far fewer; one that
 * lasts seconds under a hot key retains as much.
 *
 * <p>The {@code joinCaffeineIsolatedShort1/2} and {@code joinComputeIfAbsentIsolatedShort1/2}
 * rows measure the same join with flights of bounded length instead ({@link ShortFlights}): each
 * thread, at its 1,024th join of a flight, unmaps and completes it (firing the relays its copies
 * left), and the next join maps a new one. They show the idiom's cost per join when the relays
 * do not pile up, including its share of firing them and of starting the next flight, which
 * {@code joinPatterns} does not pay (its flight stays in flight).
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'async.SingleFlightBench' -f 2 -wi 3
 * -i 5 -w 1s -r 1s -prof gc}; the join rows alone:
 * {@code java -jar patterns-bench/target/benchmarks.jar 'async.SingleFlightBench.join' -f 2 -wi 3
 * -i 5 -w 1s -r 1s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SingleFlightBench {

    private static final String HOT = "hot";
    private static final String VALUE = "value";

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<String> never = new CompletableFuture<>();
    private final SingleFlight.Loader<String, String> blockingLoader = key -> {
        release.await();
        return VALUE;
    };

    private SingleFlight<String, String> inFlight;
    private AsyncCache<String, String> caffeineInFlight;
    private final ConcurrentHashMap<String, CompletableFuture<String>> idiomInFlight = new ConcurrentHashMap<>();

    private final SingleFlight<String, String> direct =
            SingleFlight.builder().executor(Runnable::run).build();
    private AsyncCache<String, String> caffeineDirect;
    private final ConcurrentHashMap<String, CompletableFuture<String>> idiom = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setUp() {
        inFlight = SingleFlight.create();
        inFlight.callAsync(HOT, blockingLoader); // stays in flight until tear-down
        caffeineInFlight = Caffeine.newBuilder().buildAsync();
        caffeineInFlight.get(HOT, (k, executor) -> never);
        idiomInFlight.put(HOT, never);
        caffeineDirect = Caffeine.newBuilder().executor(Runnable::run).buildAsync();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        release.countDown();
        never.complete(VALUE);
    }

    // ---- join an execution in flight

    @Benchmark
    @Threads(1)
    public boolean joinPatterns1() {
        return inFlight.callAsync(HOT, blockingLoader).complete(VALUE);
    }

    @Benchmark
    @Threads(2)
    public boolean joinPatterns2() {
        return inFlight.callAsync(HOT, blockingLoader).complete(VALUE);
    }

    @Benchmark
    @Threads(1)
    public CompletableFuture<String> joinCaffeine1() {
        return caffeineInFlight.get(HOT, (k, executor) -> never);
    }

    @Benchmark
    @Threads(2)
    public CompletableFuture<String> joinCaffeine2() {
        return caffeineInFlight.get(HOT, (k, executor) -> never);
    }

    @Benchmark
    @Threads(1)
    public CompletableFuture<String> joinComputeIfAbsent1() {
        return idiomInFlight.computeIfAbsent(HOT, k -> new CompletableFuture<>());
    }

    @Benchmark
    @Threads(2)
    public CompletableFuture<String> joinComputeIfAbsent2() {
        return idiomInFlight.computeIfAbsent(HOT, k -> new CompletableFuture<>());
    }

    /**
     * The isolated peers' in-flight execution: a fresh shared future for each iteration, mapped
     * in a fresh Caffeine cache and a fresh map, completed in the iteration's tear-down so the
     * relays its copies left on it fire and become garbage (see the class javadoc).
     */
    @State(Scope.Benchmark)
    public static class IsolatedPeers {
        CompletableFuture<String> flight;
        AsyncCache<String, String> caffeine;
        ConcurrentHashMap<String, CompletableFuture<String>> idiom;
        /** Built once per iteration, so the join does not allocate a capturing lambda. */
        BiFunction<String, Executor, CompletableFuture<String>> caffeineLoader;
        final Function<String, CompletableFuture<String>> idiomLoader = k -> new CompletableFuture<>();

        /** Starts the iteration's execution: in flight, joined by every operation. */
        @Setup(Level.Iteration)
        public void startFlight() {
            CompletableFuture<String> f = new CompletableFuture<>();
            flight = f;
            caffeineLoader = (k, executor) -> f;
            caffeine = Caffeine.newBuilder().buildAsync();
            caffeine.get(HOT, caffeineLoader);
            idiom = new ConcurrentHashMap<>();
            idiom.put(HOT, f);
        }

        /** Ends the iteration's execution, firing (and freeing) the relays of every copy. */
        @TearDown(Level.Iteration)
        public void endFlight() {
            flight.complete(VALUE);
        }
    }

    @Benchmark
    @Threads(1)
    public boolean joinCaffeineIsolated1(IsolatedPeers peers) {
        return peers.caffeine.get(HOT, peers.caffeineLoader).copy().complete(VALUE);
    }

    @Benchmark
    @Threads(2)
    public boolean joinCaffeineIsolated2(IsolatedPeers peers) {
        return peers.caffeine.get(HOT, peers.caffeineLoader).copy().complete(VALUE);
    }

    @Benchmark
    @Threads(1)
    public boolean joinComputeIfAbsentIsolated1(IsolatedPeers peers) {
        return peers.idiom.computeIfAbsent(HOT, peers.idiomLoader).copy().complete(VALUE);
    }

    @Benchmark
    @Threads(2)
    public boolean joinComputeIfAbsentIsolated2(IsolatedPeers peers) {
        return peers.idiom.computeIfAbsent(HOT, peers.idiomLoader).copy().complete(VALUE);
    }

    /**
     * Flights of bounded length for the {@code *IsolatedShort} peers: the key's execution ends
     * after each thread's {@value #JOINS_PER_FLIGHT}th join of it (the thread unmaps it and
     * completes it, firing its relays), and the next join starts a new one.
     */
    @State(Scope.Benchmark)
    public static class ShortFlights {
        static final int JOINS_PER_FLIGHT = 1024;
        final AsyncCache<String, String> caffeine = Caffeine.newBuilder().buildAsync();
        final ConcurrentHashMap<String, CompletableFuture<String>> idiom = new ConcurrentHashMap<>();
        final BiFunction<String, Executor, CompletableFuture<String>> caffeineLoader =
                (k, executor) -> new CompletableFuture<>();
        final Function<String, CompletableFuture<String>> idiomLoader = k -> new CompletableFuture<>();

        /** Ends whatever flight is left at the end of the trial. */
        @TearDown(Level.Trial)
        public void endFlights() {
            caffeine.asMap().values().forEach(f -> f.complete(VALUE));
            idiom.values().forEach(f -> f.complete(VALUE));
        }
    }

    /** How many times this thread joined the current flight. */
    @State(Scope.Thread)
    public static class Joins {
        int count;

        /** Counts a join; true when this thread should end the flight. */
        boolean endsFlight() {
            if (++count < ShortFlights.JOINS_PER_FLIGHT) {
                return false;
            }
            count = 0;
            return true;
        }
    }

    @Benchmark
    @Threads(1)
    public boolean joinCaffeineIsolatedShort1(ShortFlights flights, Joins joins) {
        return caffeineShortJoin(flights, joins);
    }

    @Benchmark
    @Threads(2)
    public boolean joinCaffeineIsolatedShort2(ShortFlights flights, Joins joins) {
        return caffeineShortJoin(flights, joins);
    }

    @Benchmark
    @Threads(1)
    public boolean joinComputeIfAbsentIsolatedShort1(ShortFlights flights, Joins joins) {
        return idiomShortJoin(flights, joins);
    }

    @Benchmark
    @Threads(2)
    public boolean joinComputeIfAbsentIsolatedShort2(ShortFlights flights, Joins joins) {
        return idiomShortJoin(flights, joins);
    }

    private static boolean caffeineShortJoin(ShortFlights flights, Joins joins) {
        CompletableFuture<String> shared = flights.caffeine.get(HOT, flights.caffeineLoader);
        boolean left = shared.copy().complete(VALUE);
        // Unmap before completing, or Caffeine would keep the value and the next get would hit it.
        if (joins.endsFlight() && flights.caffeine.asMap().remove(HOT, shared)) {
            shared.complete(VALUE);
        }
        return left;
    }

    private static boolean idiomShortJoin(ShortFlights flights, Joins joins) {
        CompletableFuture<String> shared = flights.idiom.computeIfAbsent(HOT, flights.idiomLoader);
        boolean left = shared.copy().complete(VALUE);
        if (joins.endsFlight() && flights.idiom.remove(HOT, shared)) {
            shared.complete(VALUE);
        }
        return left;
    }

    // ---- a whole round per operation

    @Benchmark
    @Threads(1)
    public String cyclePatterns1() throws InterruptedException, ExecutionException {
        return direct.call(HOT, key -> VALUE);
    }

    @Benchmark
    @Threads(2)
    public String cyclePatterns2() throws InterruptedException, ExecutionException {
        return direct.call(HOT, key -> VALUE);
    }

    @Benchmark
    @Threads(1)
    public String cycleCaffeine1() {
        return caffeineCycle();
    }

    @Benchmark
    @Threads(2)
    public String cycleCaffeine2() {
        return caffeineCycle();
    }

    @Benchmark
    @Threads(1)
    public String cycleComputeIfAbsent1() {
        return idiomCycle();
    }

    @Benchmark
    @Threads(2)
    public String cycleComputeIfAbsent2() {
        return idiomCycle();
    }

    private String caffeineCycle() {
        String v = caffeineDirect.get(HOT, k -> VALUE).join();
        caffeineDirect.synchronous().invalidate(HOT);
        return v;
    }

    private String idiomCycle() {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> shared = idiom.computeIfAbsent(HOT, k -> mine);
        if (shared == mine) {
            try {
                mine.complete(VALUE);
            } finally {
                idiom.remove(HOT, mine);
            }
        }
        return shared.join();
    }
}
