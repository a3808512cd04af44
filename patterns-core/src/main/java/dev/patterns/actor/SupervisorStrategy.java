package dev.patterns.actor;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.internal.Checks;

/**
 * What an actor's supervisor does when a handler throws: stop the actor (the default), resume with
 * the same behaviour, or restart it from its initial behaviour (immediately, or after an
 * exponential backoff), at most {@code maxRestarts} times within {@code window}, after which the
 * actor stops. The failed message is counted in {@link ActorStats#failed()} and is not retried;
 * the messages behind it stay in the mailbox across a restart. A failure while a restart runs the
 * setup step stops the actor. Backoff waits read time through the system's ticker and sleeper.
 */
public sealed interface SupervisorStrategy {

    /** Stops the actor on its first failure: the default. */
    record Stop() implements SupervisorStrategy {
    }

    /** Keeps the current behaviour and goes on with the next message. */
    record Resume() implements SupervisorStrategy {
    }

    /**
     * Restarts from the initial behaviour, at most {@code maxRestarts} times within {@code window}.
     *
     * @param maxRestarts restarts allowed within a window; at least 1
     * @param window the span over which restarts are counted; positive
     */
    record Restart(int maxRestarts, Duration window) implements SupervisorStrategy {
        /**
         * Validates the strategy.
         *
         * @throws IllegalArgumentException if {@code maxRestarts < 1} or {@code window} is not positive
         * @throws NullPointerException if {@code window} is null
         */
        public Restart {
            checkLimit(maxRestarts, window);
        }
    }

    /**
     * Restarts after waiting {@code minBackoff}, doubled for each further restart within the
     * window, capped at {@code maxBackoff}; at most {@code maxRestarts} times within {@code window}.
     *
     * @param minBackoff the first wait; positive
     * @param maxBackoff the longest wait; at least {@code minBackoff}
     * @param maxRestarts restarts allowed within a window; at least 1
     * @param window the span over which restarts are counted; positive
     */
    record Backoff(Duration minBackoff, Duration maxBackoff, int maxRestarts, Duration window)
            implements SupervisorStrategy {
        /**
         * Validates the strategy.
         *
         * @throws IllegalArgumentException if a duration is not positive, {@code maxBackoff} is
         *     below {@code minBackoff}, or {@code maxRestarts < 1}
         * @throws NullPointerException if a duration is null
         */
        public Backoff {
            checkPositive(minBackoff, "minBackoff");
            checkPositive(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff: " + maxBackoff + " (expected: >= minBackoff " + minBackoff + ")");
            }
            checkLimit(maxRestarts, window);
        }
    }

    /**
     * Returns the strategy that stops the actor on a failure.
     *
     * @return stop
     */
    static SupervisorStrategy stop() {
        return new Stop();
    }

    /**
     * Returns the strategy that ignores a failure and keeps the behaviour.
     *
     * @return resume
     */
    static SupervisorStrategy resume() {
        return new Resume();
    }

    /**
     * Returns the strategy that restarts without limit.
     *
     * @return restart
     */
    static SupervisorStrategy restart() {
        return new Restart(Integer.MAX_VALUE, Duration.ofNanos(1));
    }

    /**
     * Returns the strategy that restarts at most {@code maxRestarts} times within {@code window}.
     *
     * @param maxRestarts restarts allowed within a window
     * @param window the span over which restarts are counted
     * @return restart with a limit
     * @throws IllegalArgumentException if {@code maxRestarts < 1} or {@code window} is not positive
     * @throws NullPointerException if {@code window} is null
     */
    static SupervisorStrategy restart(int maxRestarts, Duration window) {
        return new Restart(maxRestarts, window);
    }

    /**
     * Returns the strategy that restarts with exponential backoff and a limit.
     *
     * @param minBackoff the first wait
     * @param maxBackoff the longest wait
     * @param maxRestarts restarts allowed within a window
     * @param window the span over which restarts are counted
     * @return restart with backoff
     * @throws IllegalArgumentException as {@link Backoff#Backoff}
     * @throws NullPointerException if a duration is null
     */
    static SupervisorStrategy restartWithBackoff(
            Duration minBackoff, Duration maxBackoff, int maxRestarts, Duration window) {
        return new Backoff(minBackoff, maxBackoff, maxRestarts, window);
    }

    private static void checkLimit(int maxRestarts, Duration window) {
        Checks.atLeast("maxRestarts", maxRestarts, 1);
        checkPositive(window, "window");
    }

    private static void checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
