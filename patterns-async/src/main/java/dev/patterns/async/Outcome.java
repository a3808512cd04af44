package dev.patterns.async;

import java.util.Objects;

/**
 * What became of one call of a {@link FanOut} gathering. Immutable.
 *
 * <p>A call's outcome is decided once: by the call itself when it returns or throws before the
 * gathering settles, otherwise by the gathering when it settles ({@link TimedOut} if the policy's
 * timeout passed, {@link Cancelled} if the policy was decided without it or the owner cancelled).
 * A value a cancelled call returns later is discarded.
 *
 * @param <T> the value type
 */
public sealed interface Outcome<T>
        permits Outcome.Completed, Outcome.Failed, Outcome.TimedOut, Outcome.Cancelled {

    /**
     * The call returned a value.
     *
     * @param value the value, never null
     * @param <T> the value type
     */
    record Completed<T>(T value) implements Outcome<T> {
        /**
         * Validates the value.
         *
         * @param value not null
         */
        public Completed {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The call threw.
     *
     * @param error what it threw
     * @param <T> the value type
     */
    record Failed<T>(Throwable error) implements Outcome<T> {
        /**
         * Validates the error.
         *
         * @param error not null
         */
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The policy's timeout passed before the call finished; it was interrupted.
     *
     * @param started whether the call had started running (one waiting for a concurrency slot, or
     *     handed to the executor but not yet run, had not; it never runs)
     * @param <T> the value type
     */
    record TimedOut<T>(boolean started) implements Outcome<T> {}

    /**
     * The gathering settled without this call (policy decided, or cancelled by its owner); it was
     * interrupted if it was running.
     *
     * @param started whether the call had started
     * @param <T> the value type
     */
    record Cancelled<T>(boolean started) implements Outcome<T> {}
}
