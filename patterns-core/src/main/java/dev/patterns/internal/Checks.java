package dev.patterns.internal;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.time.Deadline;

/**
 * Argument checks in the library's one message format: {@code "capacity: 0 (expected: >= 1)"}.
 * Each returns the value it checked, so a field can be assigned from the check.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks {@code value >= min}.
     *
     * @param name the parameter's name, as the message shows it
     * @param value the value
     * @param min the least value allowed
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    /**
     * Checks {@code value >= min}.
     *
     * @param name the parameter's name, as the message shows it
     * @param value the value
     * @param min the least value allowed
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    /**
     * Checks {@code min <= value <= max}.
     *
     * @param name the parameter's name, as the message shows it
     * @param value the value
     * @param min the least value allowed
     * @param max the greatest value allowed
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is out of range
     */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: in [" + min + ", " + max + "])");
        }
        return value;
    }

    /**
     * Checks a percentage (a percentile, a rate threshold) is in {@code (0, 100]}.
     *
     * @param name the parameter's name, as the message shows it
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is not in {@code (0, 100]} (NaN included)
     */
    public static double percent(String name, double value) {
        if (!(value > 0.0 && value <= 100.0)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: in (0, 100])");
        }
        return value;
    }

    /**
     * Checks a growth factor (of a backoff) is finite and at least 1.
     *
     * @param name the parameter's name, as the message shows it
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 1}, infinite or NaN
     */
    public static double multiplier(String name, double value) {
        if (!(value >= 1.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
        return value;
    }

    /**
     * Checks a duration is not null and not negative (and, if asked, not zero), and returns it
     * in nanoseconds, saturated to {@code Long.MAX_VALUE}.
     *
     * @param name the parameter's name, as the message shows it
     * @param value the duration
     * @param allowZero whether zero passes
     * @return the duration in nanoseconds
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is negative, or zero and not allowed
     */
    public static long nanos(String name, Duration value, boolean allowZero) {
        return Deadline.saturatedNanos(duration(name, value, allowZero));
    }

    /**
     * Checks a duration is not null and not negative (and, if asked, not zero).
     *
     * @param name the parameter's name, as the message shows it
     * @param value the duration
     * @param allowZero whether zero passes
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is negative, or zero and not allowed
     */
    public static Duration duration(String name, Duration value, boolean allowZero) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!allowZero && value.isZero())) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: " + (allowZero ? ">= 0" : "> 0") + ")");
        }
        return value;
    }

    /**
     * Checks a name is not null and not blank.
     *
     * @param what the parameter's name, as the message shows it
     * @param name the value
     * @return {@code name}
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static String notBlank(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + ": '" + name + "' (expected: not blank)");
        }
        return name;
    }

    /**
     * Checks a text is not null and not empty (blank is allowed: a Redis key may be a space).
     *
     * @param name the parameter's name, as the message shows it
     * @param value the text
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException like {@code "key: '' (expected: not empty)"}
     */
    public static String nonEmpty(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": '' (expected: not empty)");
        }
        return value;
    }

    /**
     * The exception for a required builder setting left unset, in the one message format:
     * {@code "capacity: not set (expected: capacity(n) before build())"}.
     *
     * @param name the setting's name
     * @param expected how to set it, and before what
     * @return the exception, for the caller to throw
     */
    public static IllegalStateException notSet(String name, String expected) {
        return new IllegalStateException(name + ": not set (expected: " + expected + ")");
    }
}
