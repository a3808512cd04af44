package dev.patterns.examples.jdk;

import java.util.concurrent.locks.StampedLock;

/**
 * Read-heavy shared data with the JDK's {@link StampedLock}: readers take an optimistic stamp, read
 * without blocking anyone, and retry under a read lock only when a writer got in between. The
 * library has no wrapper for this: the JDK already does it well.
 *
 * <p>Both fields change together, so a reader must never see the price of one update with the
 * currency of another.
 */
public final class ReadMostlyPrices {

    /** A consistent pair of fields. */
    public record Quote(long cents, String currency) {
    }

    private final StampedLock lock = new StampedLock();
    /** Guarded by lock (written under the write lock, read under a validated stamp). */
    private long cents;
    /** Guarded by lock. */
    private String currency;

    /**
     * Creates a table with an initial quote.
     *
     * @param cents the price
     * @param currency the currency
     */
    public ReadMostlyPrices(long cents, String currency) {
        this.cents = cents;
        this.currency = currency;
    }

    /**
     * Returns the current quote without blocking writers in the common case.
     *
     * @return a consistent quote
     */
    public Quote read() {
        long stamp = lock.tryOptimisticRead();
        long c = cents;
        String cur = currency;
        if (!lock.validate(stamp)) {            // a writer got in: read again under the read lock
            stamp = lock.readLock();
            try {
                c = cents;
                cur = currency;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return new Quote(c, cur);
    }

    /**
     * Replaces the quote.
     *
     * @param newCents the price
     * @param newCurrency the currency
     */
    public void write(long newCents, String newCurrency) {
        long stamp = lock.writeLock();
        try {
            cents = newCents;
            currency = newCurrency;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
