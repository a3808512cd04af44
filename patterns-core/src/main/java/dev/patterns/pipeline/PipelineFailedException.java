package dev.patterns.pipeline;

import java.util.Objects;

/**
 * Thrown by {@link Pipeline#join()} when a stage failed fast: its cause is the error of the item
 * that failed (errors of items that failed at the same moment are attached to it as suppressed).
 */
public final class PipelineFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stage that failed. */
    private final String stage;

    /**
     * Creates the exception.
     *
     * @param stage the name of the stage that failed
     * @param cause the error it failed with
     * @throws NullPointerException if an argument is null
     */
    public PipelineFailedException(String stage, Throwable cause) {
        super("stage '" + Objects.requireNonNull(stage, "stage") + "' failed: "
                + Objects.requireNonNull(cause, "cause"), cause);
        this.stage = stage;
    }

    /**
     * Returns the name of the stage that failed.
     *
     * @return the stage name
     */
    public String stage() {
        return stage;
    }
}
