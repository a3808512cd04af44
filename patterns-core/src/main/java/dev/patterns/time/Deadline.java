package dev.patterns.time;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time, read from a {@link Ticker}, by which something must be done.
 *
 * <p>Immutable and thread-safe. A deadline made from a very long duration saturates instead of
 * overflowing, so {@code Deadline.after(Duration.ofDays(1_000_000), ticker)} simply never expires
 * within a program's life.
 *
 * <pre>{@code
 * Deadline deadline = Deadline.after(Duration.ofMillis(300), Ticker.system());
 * while (!deadline.isExpired()) {
 *     Result r = queue.poll(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
 *     ...
 * }
 * }</pre>
 */
public final class Deadline {

    /** Longest span a deadline can express: about 146 years. */
    private static final long MAX_NANOS = Long.MAX_VALUE / 2;

    private final Ticker ticker;
    private final long deadlineNanos;

    private Deadline(Ticker ticker, long deadlineNanos) {
        this.ticker = ticker;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Returns the deadline {@code timeout} after the ticker's current reading.
     *
     * @param timeout how long from now; zero or negative gives a deadline that has already passed
     * @param ticker the time source
     * @return the deadline
     * @throws NullPointerException if an argument is null
     */
    public static Deadline after(Duration timeout, Ticker ticker) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(ticker, "ticker");
        return afterNanos(saturatedNanos(timeout), ticker);
    }

    /**
     * Returns the deadline {@code timeoutNanos} after the ticker's current reading.
     *
     * @param timeoutNanos how long from now, in nanoseconds
     * @param ticker the time source
     * @return the deadline
     * @throws NullPointerException if {@code ticker} is null
     */
    public static Deadline afterNanos(long timeoutNanos, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        long span = Math.max(-MAX_NANOS, Math.min(MAX_NANOS, timeoutNanos));
        return new Deadline(ticker, ticker.read() + span);
    }

    /**
     * Returns the time left before this deadline, in nanoseconds; zero or negative once passed.
     *
     * @return nanoseconds remaining
     */
    public long remainingNanos() {
        return deadlineNanos - ticker.read();
    }

    /**
     * Returns the time left before this deadline, never negative.
     *
     * @return the remaining time, {@link Duration#ZERO} once passed
     */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0L, remainingNanos()));
    }

    /**
     * Returns whether this deadline has passed.
     *
     * @return {@code true} once the ticker has reached the deadline
     */
    public boolean isExpired() {
        return remainingNanos() <= 0;
    }

    /**
     * Returns the ticker this deadline reads.
     *
     * @return the ticker
     */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * Converts a duration to nanoseconds, saturating at {@link Long#MAX_VALUE} and
     * {@link Long#MIN_VALUE} instead of throwing {@link ArithmeticException}.
     *
     * @param duration the duration
     * @return its length in nanoseconds, saturated
     * @throws NullPointerException if {@code duration} is null
     */
    public static long saturatedNanos(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remainingNanos() + "ns]";
    }
}
