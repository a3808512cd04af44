package dev.patterns.pipeline;

import dev.patterns.internal.Backoff;
import dev.patterns.internal.Checks;
import dev.patterns.time.Deadline;
import dev.patterns.time.Sleeper;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a stage does with an item whose function threw. Whatever the policy, the worker goes on
 * with the next item, and the item is counted exactly once: processed (a retry succeeded),
 * dead-lettered, or failed. {@link VirtualMachineError}s are never handled by a policy: they fail
 * the stage and propagate.
 *
 * <table class="striped">
 *   <caption>The policies</caption>
 *   <thead><tr><th>policy</th><th>the item</th><th>the pipeline</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link #failFast()} (the default)</td><td>counted as failed; its error becomes the
 *     pipeline's failure</td><td>stops as by {@code shutdownNow}: every channel fails with the
 *     error, unprocessed items are returned</td></tr>
 *   <tr><td>{@link #retry(int, Duration)}</td><td>tried again after a backoff, up to the attempt
 *     limit; then the {@link Retry#whenExhausted() exhausted} policy applies</td><td>goes on</td></tr>
 *   <tr><td>{@link #deadLetter(String, Consumer)}</td><td>handed with its error to the named sink,
 *     counted as dead-lettered</td><td>goes on (fails fast if the sink itself throws)</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Policies are immutable values and may be shared between stages.
 */
public sealed interface ErrorPolicy permits ErrorPolicy.FailFast, ErrorPolicy.Retry, ErrorPolicy.DeadLetters {

    /**
     * Returns the fail-fast policy: the first error stops the whole pipeline (or pool).
     *
     * @return the policy
     */
    static ErrorPolicy failFast() {
        return FailFast.INSTANCE;
    }

    /**
     * Returns a retry policy: at most {@code maxAttempts} calls in all, waiting {@code backoff}
     * before the first retry and doubling it each time (capped at one minute), through
     * {@link Sleeper#system()}; when attempts run out, fail fast. Refine it with the
     * {@code with…} methods.
     *
     * @param maxAttempts the most calls of the function per item, the first one included
     * @param backoff the wait before the first retry
     * @return the policy
     * @throws NullPointerException if {@code backoff} is null
     * @throws IllegalArgumentException if {@code maxAttempts < 1} or {@code backoff} is negative
     */
    static Retry retry(int maxAttempts, Duration backoff) {
        return new Retry(maxAttempts, backoff, 2.0, Duration.ofMinutes(1), Sleeper.system(), FailFast.INSTANCE);
    }

    /**
     * Returns a dead-letter policy: an item whose function threw goes, with its error, to
     * {@code sink}, and the stage goes on.
     *
     * @param sinkName a name for the sink, shown in {@link DeadLetter#sink()}
     * @param sink receives each dead letter, in the worker's thread; must be thread-safe when the
     *     stage has several workers
     * @return the policy
     * @throws NullPointerException if an argument is null
     */
    static DeadLetters deadLetter(String sinkName, Consumer<? super DeadLetter> sink) {
        return new DeadLetters(sinkName, sink);
    }

    /** Stop everything at the first error. Obtain it from {@link ErrorPolicy#failFast()}. */
    final class FailFast implements ErrorPolicy {
        static final FailFast INSTANCE = new FailFast();

        private FailFast() {
        }

        @Override
        public String toString() {
            return "failFast";
        }
    }

    /**
     * Try again with exponential backoff, then apply another policy.
     *
     * @param maxAttempts the most calls of the function per item, the first one included
     * @param backoff the wait before the first retry
     * @param multiplier how much each further wait grows
     * @param maxBackoff the longest single wait
     * @param sleeper how waiting is done; a {@link dev.patterns.time.FakeTicker} in tests
     * @param whenExhausted what happens when the last attempt failed: fail fast or dead-letter
     */
    record Retry(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff, Sleeper sleeper,
                 ErrorPolicy whenExhausted) implements ErrorPolicy {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if a reference component is null
         * @throws IllegalArgumentException if {@code maxAttempts < 1}, a duration is negative,
         *     {@code multiplier < 1}, or {@code whenExhausted} is itself a retry
         */
        public Retry {
            Checks.atLeast("maxAttempts", maxAttempts, 1);
            Checks.duration("backoff", backoff, true);
            Checks.multiplier("multiplier", multiplier);
            Checks.duration("maxBackoff", maxBackoff, true);
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(whenExhausted, "whenExhausted");
            if (whenExhausted instanceof Retry) {
                throw new IllegalArgumentException(
                        "whenExhausted: " + whenExhausted + " (expected: failFast or deadLetter)");
            }
        }

        /**
         * Returns this policy waiting through another sleeper.
         *
         * @param sleeper the sleeper, e.g. a {@link dev.patterns.time.FakeTicker}
         * @return a new policy
         * @throws NullPointerException if {@code sleeper} is null
         */
        public Retry withSleeper(Sleeper sleeper) {
            return new Retry(maxAttempts, backoff, multiplier, maxBackoff, sleeper, whenExhausted);
        }

        /**
         * Returns this policy with another growth factor between waits.
         *
         * @param multiplier the factor; {@code 1} keeps the wait constant
         * @return a new policy
         * @throws IllegalArgumentException if {@code multiplier < 1}
         */
        public Retry withMultiplier(double multiplier) {
            return new Retry(maxAttempts, backoff, multiplier, maxBackoff, sleeper, whenExhausted);
        }

        /**
         * Returns this policy with another cap on a single wait.
         *
         * @param maxBackoff the cap
         * @return a new policy
         * @throws NullPointerException if {@code maxBackoff} is null
         * @throws IllegalArgumentException if {@code maxBackoff} is negative
         */
        public Retry withMaxBackoff(Duration maxBackoff) {
            return new Retry(maxAttempts, backoff, multiplier, maxBackoff, sleeper, whenExhausted);
        }

        /**
         * Returns this policy applying {@code policy} when the attempts run out.
         *
         * @param policy {@link ErrorPolicy#failFast()} or a dead-letter policy
         * @return a new policy
         * @throws NullPointerException if {@code policy} is null
         * @throws IllegalArgumentException if {@code policy} is a retry
         */
        public Retry whenExhausted(ErrorPolicy policy) {
            return new Retry(maxAttempts, backoff, multiplier, maxBackoff, sleeper, policy);
        }

        /**
         * Returns the wait before retry number {@code retry} (1 for the first retry).
         *
         * @param retry which retry, from 1
         * @return the wait in nanoseconds, capped at {@link #maxBackoff()}
         */
        public long backoffNanos(int retry) {
            return Backoff.nanos(Deadline.saturatedNanos(backoff), multiplier, retry - 1,
                    Deadline.saturatedNanos(maxBackoff));
        }
    }

    /**
     * Hand the item and its error to a named sink.
     *
     * @param sinkName the sink's name, shown in each {@link DeadLetter}
     * @param sink receives the dead letters
     */
    record DeadLetters(String sinkName, Consumer<? super DeadLetter> sink) implements ErrorPolicy {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if a component is null
         */
        public DeadLetters {
            Objects.requireNonNull(sinkName, "sinkName");
            Objects.requireNonNull(sink, "sink");
        }
    }
}
