package dev.patterns.time;

/**
 * A source of nanosecond time, for measuring elapsed time and computing deadlines.
 *
 * <p>Every pattern in this library reads time through a {@code Ticker} and never through the
 * wall clock, so tests replace it with a {@link FakeTicker} and move time by hand. Values are only
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
