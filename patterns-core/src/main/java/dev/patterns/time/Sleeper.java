package dev.patterns.time;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits for a span of time. Patterns that pause on purpose (retry backoff, pacing) wait through a
 * {@code Sleeper}, so that tests can substitute a {@link FakeTicker}, whose {@code sleep} advances
 * fake time instead of blocking.
 *
 * <p>Implementations must honour interrupts: a thread interrupted before or during the wait throws
 * {@link InterruptedException} with its interrupt status cleared, as {@link Thread#sleep(long)}
 * does. The system sleeper parks with {@link java.util.concurrent.locks.LockSupport}, so it does
 * not pin a virtual thread's carrier.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Blocks the calling thread for {@code nanos} nanoseconds; returns at once if {@code nanos <= 0}.
     *
     * @param nanos how long to wait, in nanoseconds
     * @throws InterruptedException if the calling thread is interrupted before or while waiting
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * Blocks the calling thread for {@code duration}; returns at once if it is zero or negative.
     *
     * @param duration how long to wait
     * @throws InterruptedException if the calling thread is interrupted before or while waiting
     * @throws NullPointerException if {@code duration} is null
     */
    default void sleep(Duration duration) throws InterruptedException {
        sleepNanos(Deadline.saturatedNanos(Objects.requireNonNull(duration, "duration")));
    }

    /**
     * Returns the sleeper that really waits, measuring time with {@link Ticker#system()}.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return SystemSleeper.INSTANCE;
    }
}
