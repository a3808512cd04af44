package dev.patterns.async;

import java.io.Serial;

/**
 * Thrown by {@link Gathered#valuesOrThrow()} when the policy was not satisfied; carries the whole
 * result, and the first failure (if any) as its cause.
 */
public final class FanOutException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The result; transient because outcomes hold arbitrary values. */
    private final transient Gathered<?> result;

    FanOutException(String message, Throwable cause, Gathered<?> result) {
        super(message, cause);
        this.result = result;
    }

    /**
     * Returns the result that did not satisfy its policy.
     *
     * @return the result; null only after deserialization
     */
    public Gathered<?> result() {
        return result;
    }
}
