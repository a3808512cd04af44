package dev.patterns.async;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Fan-out/fan-in: start N calls, gather them by a {@link GatherPolicy}, interrupt the stragglers, and
 * return what each call did. No call outlives the gathering.
 *
 * <pre>{@code
 * FanOut fanOut = FanOut.create();                          // a virtual thread per call
 * Gathered<List<Hit>> r = fanOut.gather(GatherPolicy.allByDeadline(Duration.ofMillis(300)), shardCalls);
 * List<List<Hit>> answered = r.values();                  // in submission order
 * List<Integer> late = r.timedOut();
 * }</pre>
 *
 * <p>A {@code FanOut} is immutable configuration (executor, concurrency limit, ticker, grace
 * period) plus the counters behind {@link #stats()}, and may be shared by any number of threads;
 * each {@link #start} makes an independent {@link Gathering}. It owns no threads, so it need not
 * be closed.
 *
 * <p>Call results: a call returning {@code null} is recorded as {@link Outcome.Failed} with a
 * {@link NullPointerException}, so that every completed outcome holds a value.
 *
 * <p>Migration: the policies correspond to {@code StructuredTaskScope} joiners
 * ({@code all} ~ ShutdownOnFailure / {@code allSuccessfulOrThrow}, {@code firstSuccess} ~
 * ShutdownOnSuccess / {@code anySuccessfulResultOrThrow}); this class runs on Java 21 without
 * preview features.
 */
public interface FanOut {

    /**
     * Starts the calls (up to the concurrency limit; for a hedged policy, the first attempt) and
     * returns the gathering that collects them. Does not block unless the executor does.
     *
     * @param policy how to gather
     * @param tasks the calls, at least one
     * @param <T> the value type
     * @return the running gathering; close it
     * @throws NullPointerException if {@code policy}, {@code tasks} or an element is null
     * @throws IllegalArgumentException if {@code tasks} is empty or a quorum exceeds its size
     */
    <T> Gathering<T> start(GatherPolicy policy, List<? extends Callable<? extends T>> tasks);

    /**
     * Starts the calls and blocks until they are gathered: {@code start(policy, tasks).join()},
     * closing the gathering on every path.
     *
     * @param policy how to gather
     * @param tasks the calls, at least one
     * @param <T> the value type
     * @return the result, one outcome per call in submission order
     * @throws InterruptedException if the calling thread is interrupted while waiting; the calls
     *     have then been cancelled and waited for (within the grace period)
     * @throws NullPointerException if {@code policy}, {@code tasks} or an element is null
     * @throws IllegalArgumentException if {@code tasks} is empty or a quorum exceeds its size
     */
    default <T> Gathered<T> gather(GatherPolicy policy, List<? extends Callable<? extends T>> tasks)
            throws InterruptedException {
        try (Gathering<T> gathering = start(policy, tasks)) {
            return gathering.join();
        }
    }

    /**
     * Returns a snapshot of the counters of every gathering this fan-out started. A gathering is
     * counted in {@code gatheringsStarted} when {@link #start} returns it and in every other
     * counter once, when it produces its result ({@link Gathering#join()}, a timed or
     * {@link Gathering#tryJoin() try} join that returns it, or {@link Gathering#close()}); a
     * gathering still running is in none of them yet. Counters are not read atomically together.
     * Cheap enough to poll every second; the calls themselves update no shared counter.
     *
     * @return the counters now
     */
    FanOutStats stats();

    /**
     * Returns the name given to the builder, or {@code fanout-N}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns a fan-out with the defaults: a new (unnamed) virtual thread per call, no concurrency
     * limit, the system ticker, a one-second interrupt grace period.
     *
     * @return the fan-out
     */
    static FanOut create() {
        return builder().build();
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with the defaults of {@link #create()}
     */
    static FanOutBuilder builder() {
        return new FanOutBuilder();
    }
}
