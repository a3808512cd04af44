package dev.patterns.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.patterns.internal.Checks;

/**
 * A {@link Ticker} and {@link Sleeper} whose time moves only when told to, for tests.
 *
 * <p>{@link #advance(Duration)} moves time forward; {@link #sleepNanos(long)} moves it forward by
 * the requested amount and returns at once (after checking for interrupts), so code that backs
 * off or paces itself runs instantly under test while its schedule can be asserted with
 * {@link #read()}. Thread-safe: readers always see the latest advance (volatile semantics).
 *
 * <pre>{@code
 * FakeTicker time = FakeTicker.start();
 * TokenBucket bucket = TokenBucket.builder().ticker(time)...build();
 * time.advance(Duration.ofMillis(100));
 * }</pre>
 */
public final class FakeTicker implements Ticker, Sleeper {

    private final AtomicLong nanos;

    private FakeTicker(long origin) {
        this.nanos = new AtomicLong(origin);
    }

    /**
     * Returns a fake ticker that reads {@code 0}.
     *
     * @return a new fake ticker
     */
    public static FakeTicker start() {
        return new FakeTicker(0L);
    }

    /**
     * Returns a fake ticker that first reads {@code originNanos}; a large origin tests code for
     * overflow-safe comparisons.
     *
     * @param originNanos the first reading
     * @return a new fake ticker
     */
    public static FakeTicker startingAt(long originNanos) {
        return new FakeTicker(originNanos);
    }

    @Override
    public long read() {
        return nanos.get();
    }

    /**
     * Moves time forward.
     *
     * @param amount how far; zero is allowed
     * @return the new reading
     * @throws NullPointerException if {@code amount} is null
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public long advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount: " + amount + " (expected: >= 0)");
        }
        return advanceNanos(Deadline.saturatedNanos(amount));
    }

    /**
     * Moves time forward by {@code amountNanos} nanoseconds.
     *
     * @param amountNanos how far, in nanoseconds; zero is allowed
     * @return the new reading
     * @throws IllegalArgumentException if {@code amountNanos} is negative
     */
    public long advanceNanos(long amountNanos) {
        Checks.atLeast("amountNanos", amountNanos, 0);
        return nanos.addAndGet(amountNanos);
    }

    /** Advances time by {@code nanos} (if positive) instead of waiting. */
    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos > 0) {
            advanceNanos(nanos);
        }
    }

    @Override
    public String toString() {
        return "FakeTicker[" + read() + "ns]";
    }
}
