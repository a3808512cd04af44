package dev.patterns.redis.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks of the Redis builders, in the library's message format. Not an API. */
public final class Args {

    private Args() {
    }

    /**
     * Checks that {@code value} is positive.
     *
     * @param name the parameter's name
     * @param value the duration
     * @return {@code value}
     * @throws NullPointerException naming the parameter if {@code value} is null
     * @throws IllegalArgumentException like {@code "timeout: PT0S (expected: > 0)"}
     */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /**
     * Checks that {@code value} is not empty.
     *
     * @param name the parameter's name
     * @param value the text
     * @return {@code value}
     * @throws NullPointerException naming the parameter if {@code value} is null
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
     * Checks that {@code value >= min}.
     *
     * @param name the parameter's name
     * @param value the value
     * @param min the least allowed
     * @return {@code value}
     * @throws IllegalArgumentException like {@code "capacity: 0 (expected: >= 1)"}
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }
}
