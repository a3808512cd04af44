package dev.patterns.time;

/**
 * A source of nanosecond time, for measuring elapsed time and computing deadlines.
 *
 * <p>Every time a pattern reasons about (a breaker's open duration, a bucket's refill, a deadline
 * of a fan-out, an ask's timeout, a window of outcomes) is read through its {@code Ticker} and never
 * through the wall clock, so tests replace it with a {@link FakeTicker} and move time by hand. The
 * one exception is the length of a real wait: a timed {@code send}, {@code receive} or
 * {@code awaitTermination} parks the thread, and only {@link System#nanoTime()} can tell when a park
 * has lasted long enough (a fake ticker that nobody moves would never end it); such waits behave like
 * those of {@code java.util.concurrent}. See the package documentation. Values are only
 * meaningful as differences between two readings of the same ticker, exactly like
 * {@link System#nanoTime()}; they may be negative and may overflow, so compare them with
 * {@code a - b < 0}, never {@code a < b}.
 *
 * <p>Implementations must be safe to call from any thread, must not block, and should not
 * allocate.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Returns the current reading of this ticker, in nanoseconds.
     *
     * @return nanoseconds since an arbitrary, fixed origin
     */
    long read();

    /**
     * Returns the ticker backed by {@link System#nanoTime()}.
     *
     * @return the system ticker
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
