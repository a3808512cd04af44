package dev.patterns.resilience.redis;

import java.util.Objects;

/**
 * Replays, in another process, a failure recorded by a {@link RedisIdempotencyStore}: the class
 * name and message of what the first execution threw (the exception itself does not travel).
 */
public final class RecordedFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The class name of the recorded failure. */
    private final String failureClass;

    /**
     * Creates the exception.
     *
     * @param failureClass the class name of the recorded failure
     * @param message its message; may be null
     * @throws NullPointerException if {@code failureClass} is null
     */
    public RecordedFailureException(String failureClass, String message) {
        super(failureClass + (message == null ? "" : ": " + message), null, false, false);
        this.failureClass = Objects.requireNonNull(failureClass, "failureClass");
    }

    /**
     * Returns the class name of the recorded failure.
     *
     * @return e.g. {@code "java.lang.IllegalArgumentException"}
     */
    public String failureClass() {
        return failureClass;
    }
}
