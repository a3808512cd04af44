package dev.patterns.async;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.internal.Checks;

/**
 * How a {@link FanOut} gathers its calls: when the gathering is settled, and what counts as
 * success. Names follow {@code StructuredTaskScope} where the JDK has one
 * ({@code ShutdownOnFailure} ~ {@link #all()}, {@code ShutdownOnSuccess} ~ {@link #firstSuccess()}).
 *
 * <p>Every policy may carry a timeout ({@link #within(Duration)}), measured from
 * {@link FanOut#start} on the fan-out's ticker. When it passes, calls still running are recorded as
 * {@link Outcome.TimedOut} and interrupted. Policies are immutable records and thread-safe.
 *
 * <table class="striped">
 * <caption>Policies</caption>
 * <tr><th>policy</th><th>settles when</th><th>{@link Gathered#satisfied()} when</th></tr>
 * <tr><td>{@link #all()}</td><td>all completed, or the first failure</td><td>every call completed</td></tr>
 * <tr><td>{@link #allByDeadline(Duration)}</td><td>all finished, or the deadline</td><td>every call completed</td></tr>
 * <tr><td>{@link #firstSuccess()}</td><td>the first value, or all failed</td><td>one call completed</td></tr>
 * <tr><td>{@link #quorum(int)}</td><td>k values, or k no longer reachable</td><td>k calls completed</td></tr>
 * <tr><td>{@link #hedged(Duration, int)}</td><td>the first value, or every attempt failed</td><td>one attempt completed</td></tr>
 * <tr><td>{@link #hedged(LatencyTracker, double, Duration, int)}</td><td>the first value, or every attempt
 * failed</td><td>one attempt completed</td></tr>
 * </table>
 *
 * <p>The two hedged policies differ only in when a backup starts: after a fixed delay, or after
 * the backend's current latency percentile (read from a {@link LatencyTracker} when the gathering
 * starts).
 */
public sealed interface GatherPolicy
        permits GatherPolicy.All, GatherPolicy.Partial, GatherPolicy.FirstSuccess, GatherPolicy.Quorum,
                GatherPolicy.Hedged, GatherPolicy.HedgedByPercentile {

    /** The timeout meaning "no deadline" (saturates to about 146 years on the ticker). */
    Duration NO_TIMEOUT = Duration.ofSeconds(Long.MAX_VALUE);

    /**
     * Returns how long the gathering may take before unfinished calls time out.
     *
     * @return the timeout, {@link #NO_TIMEOUT} if none
     */
    Duration timeout();

    /**
     * Returns this policy with a timeout.
     *
     * @param timeout how long the gathering may take; zero times out at the first check
     * @return a policy equal to this one but for the timeout
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    GatherPolicy within(Duration timeout);

    /**
     * Wait for every call; the first failure settles the gathering and cancels the rest.
     *
     * @return the policy, without a timeout
     */
    static GatherPolicy all() {
        return new All(NO_TIMEOUT);
    }

    /**
     * Wait for every call until the deadline; return whatever completed by then (partial results).
     * A failure does not cancel the others.
     *
     * @param deadline how long to wait, measured from the start
     * @return the policy
     * @throws NullPointerException if {@code deadline} is null
     * @throws IllegalArgumentException if {@code deadline} is negative
     */
    static GatherPolicy allByDeadline(Duration deadline) {
        return new Partial(deadline);
    }

    /**
     * Race the calls: the first value wins and the others are cancelled.
     *
     * @return the policy, without a timeout
     */
    static GatherPolicy firstSuccess() {
        return new FirstSuccess(NO_TIMEOUT);
    }

    /**
     * Wait for {@code k} values; settle early, unsatisfied, once too many calls failed for
     * {@code k} to be reached.
     *
     * @param k how many values are needed; at most the number of calls
     * @return the policy, without a timeout
     * @throws IllegalArgumentException if {@code k < 1}
     */
    static GatherPolicy quorum(int k) {
        return new Quorum(k, NO_TIMEOUT);
    }

    /**
     * Hedged requests: start attempt 1; whenever {@code delay} passes without a value (or every
     * attempt started so far has failed) start the next, up to {@code maxAttempts}; the first value
     * wins and the other attempts are cancelled. Attempt {@code i} (from 0) runs task
     * {@code i % tasks.size()}, so one task means "retry the same call" and several mean "the next
     * replica".
     *
     * @param delay how long to wait for a value before starting a backup attempt
     * @param maxAttempts how many attempts at most, counting the first
     * @return the policy, without a timeout
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative or {@code maxAttempts < 1}
     */
    static GatherPolicy hedged(Duration delay, int maxAttempts) {
        return new Hedged(delay, maxAttempts, NO_TIMEOUT);
    }

    /**
     * Hedged requests with the backup delay set by recent latencies: like
     * {@link #hedged(Duration, int)}, but each gathering waits, before starting a backup, for the
     * {@code percentile}-th percentile of the latencies in {@code tracker} (read once, when the
     * gathering starts), or for {@code fallback} while the tracker has fewer than
     * {@link LatencyTracker#minSamples()} recent samples. This is the scheme of Dean and Barroso,
     * "The Tail at Scale" (CACM 56(2), 2013): defer the secondary request until the first has been
     * outstanding longer than the 95th-percentile latency for its class of requests, which bounds
     * the extra load to about 5% of requests. (gRPC's hedging policy, gRFC A6, uses a fixed
     * {@code hedgingDelay}; that is {@link #hedged(Duration, int)}.)
     *
     * <p>The gathering feeds {@code tracker}, so share one tracker among the gatherings that call
     * the same backend. It records, on the fan-out's ticker, from when an attempt was handed to
     * the executor:
     * <ul>
     * <li>each attempt that returned a value which became its outcome: the time until it returned;
     * <li>each attempt the gathering timed out or cancelled after it had been outstanding at least
     * this gathering's backup delay (typically a slow primary beaten by its backup): the time until
     * then, a lower bound of its latency.
     * </ul>
     * Not recorded: attempts that failed (a fast error is not an answer's latency), and attempts
     * cancelled before the delay (typically a backup beaten by its primary moments after it
     * started: recording those short times would drag the percentile down). Why the second kind is
     * recorded: without it, every slow call a backup beats would vanish from the history, the
     * percentile would shrink, and more and more requests would be hedged; recorded at a lower
     * bound that is already above the percentile, it keeps the tail's weight without moving the
     * percentile itself.
     *
     * @param tracker the latencies of the backend, shared by its gatherings
     * @param percentile in percent, in {@code (0, 100]}, typically 95 to 99
     * @param fallback the delay while the tracker has too few samples
     * @param maxAttempts how many attempts at most, counting the first
     * @return the policy, without a timeout
     * @throws NullPointerException if {@code tracker} or {@code fallback} is null
     * @throws IllegalArgumentException if {@code percentile} is not in {@code (0, 100]},
     *     {@code fallback} is negative or {@code maxAttempts < 1}
     */
    static GatherPolicy hedged(LatencyTracker tracker, double percentile, Duration fallback, int maxAttempts) {
        return new HedgedByPercentile(tracker, percentile, fallback, maxAttempts, NO_TIMEOUT);
    }

    /**
     * The {@link #all()} policy.
     *
     * @param timeout the timeout
     */
    record All(Duration timeout) implements GatherPolicy {
        /**
         * Validates the components.
         *
         * @param timeout the timeout, not negative
         */
        public All {
            Checks.duration("timeout", timeout, true);
        }

        @Override
        public GatherPolicy within(Duration timeout) {
            return new All(timeout);
        }
    }

    /**
     * The {@link #allByDeadline(Duration)} policy.
     *
     * @param timeout the deadline, measured from the start
     */
    record Partial(Duration timeout) implements GatherPolicy {
        /**
         * Validates the components.
         *
         * @param timeout the deadline, not negative
         */
        public Partial {
            Checks.duration("deadline", timeout, true);
        }

        @Override
        public GatherPolicy within(Duration timeout) {
            return new Partial(timeout);
        }
    }

    /**
     * The {@link #firstSuccess()} policy.
     *
     * @param timeout the timeout
     */
    record FirstSuccess(Duration timeout) implements GatherPolicy {
        /**
         * Validates the components.
         *
         * @param timeout the timeout, not negative
         */
        public FirstSuccess {
            Checks.duration("timeout", timeout, true);
        }

        @Override
        public GatherPolicy within(Duration timeout) {
            return new FirstSuccess(timeout);
        }
    }

    /**
     * The {@link #quorum(int)} policy.
     *
     * @param k how many values are needed
     * @param timeout the timeout
     */
    record Quorum(int k, Duration timeout) implements GatherPolicy {
        /**
         * Validates the components.
         *
         * @param k at least 1
         * @param timeout the timeout, not negative
         */
        public Quorum {
            Checks.atLeast("quorum", k, 1);
            Checks.duration("timeout", timeout, true);
        }

        @Override
        public GatherPolicy within(Duration timeout) {
            return new Quorum(k, timeout);
        }
    }

    /**
     * The {@link #hedged(Duration, int)} policy.
     *
     * @param delay how long to wait before a backup attempt
     * @param maxAttempts how many attempts at most
     * @param timeout the timeout
     */
    record Hedged(Duration delay, int maxAttempts, Duration timeout) implements GatherPolicy {
        /**
         * Validates the components.
         *
         * @param delay not negative
         * @param maxAttempts at least 1
         * @param timeout the timeout, not negative
         */
        public Hedged {
            Checks.duration("delay", delay, true);
            Checks.atLeast("maxAttempts", maxAttempts, 1);
            Checks.duration("timeout", timeout, true);
        }

        @Override
        public GatherPolicy within(Duration timeout) {
            return new Hedged(delay, maxAttempts, timeout);
        }
    }

    /**
     * The {@link #hedged(LatencyTracker, double, Duration, int)} policy. The record is immutable;
     * the tracker it refers to is shared and changes (equality compares it by identity).
     *
     * @param tracker the latencies the backup delay is read from, and fed to
     * @param percentile the percentile of the latencies to wait before a backup, in percent
     * @param fallback the delay while the tracker has too few samples
     * @param maxAttempts how many attempts at most
     * @param timeout the timeout
     */
    record HedgedByPercentile(LatencyTracker tracker, double percentile, Duration fallback, int maxAttempts,
            Duration timeout) implements GatherPolicy {
        /**
         * Validates the components.
         *
         * @param tracker not null
         * @param percentile in {@code (0, 100]}
         * @param fallback not negative
         * @param maxAttempts at least 1
         * @param timeout the timeout, not negative
         */
        public HedgedByPercentile {
            Objects.requireNonNull(tracker, "tracker");
            Checks.percent("percentile", percentile);
            Checks.duration("fallback", fallback, true);
            Checks.atLeast("maxAttempts", maxAttempts, 1);
            Checks.duration("timeout", timeout, true);
        }

        @Override
        public GatherPolicy within(Duration timeout) {
            return new HedgedByPercentile(tracker, percentile, fallback, maxAttempts, timeout);
        }
    }
}
