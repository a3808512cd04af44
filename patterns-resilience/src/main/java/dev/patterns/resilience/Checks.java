package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.time.Deadline;

/** Argument checks with the library's message format: {@code "capacity: 0 (expected: >= 1)"}. */
final class Checks {

    private Checks() {
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: in [" + min + ", " + max + "])");
        }
        return value;
    }

    static double percent(String name, double value) {
        if (!(value > 0.0 && value <= 100.0)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: in (0, 100])");
        }
        return value;
    }

    /** Returns the duration in nanoseconds, saturated; rejects negative (and, if asked, zero). */
    static long nanos(String name, Duration value, boolean allowZero) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!allowZero && value.isZero())) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: " + (allowZero ? ">= 0" : "> 0") + ")");
        }
        return Deadline.saturatedNanos(value);
    }
}
