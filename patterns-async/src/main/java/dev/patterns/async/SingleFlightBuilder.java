package dev.patterns.async;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.internal.ThreadPerTask;

/** Builds a {@link SingleFlight}. Not thread-safe; {@link #build()} may be called repeatedly. */
public final class SingleFlightBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String name;
    private Executor executor;
    private boolean cancelWhenAbandoned;

    SingleFlightBuilder() {
    }

    /**
     * Sets the name used in {@code toString}, JFR events and metric tags; {@code singleflight-N}
     * by default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public SingleFlightBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Runs executions on {@code executor}. With a direct executor ({@code Runnable::run}) the
     * first caller runs the loader in its own thread, which saves a thread hand-off but lets
     * that caller's interrupt reach the execution shared by the others.
     *
     * @param executor the executor
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public SingleFlightBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Cancels an execution, interrupting its thread, when its last waiter leaves (default:
     * {@code false}, the execution finishes and its value is dropped).
     *
     * @param cancel whether to cancel abandoned executions
     * @return this builder
     */
    public SingleFlightBuilder cancelWhenAbandoned(boolean cancel) {
        this.cancelWhenAbandoned = cancel;
        return this;
    }

    /**
     * Returns a single-flight with this builder's settings.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @return the single-flight
     */
    public <K, V> SingleFlight<K, V> build() {
        Executor exec = executor != null ? executor : ThreadPerTask.virtual("single-flight-");
        String n = name != null ? name : "singleflight-" + SEQUENCE.incrementAndGet();
        return new DefaultSingleFlight<>(n, exec, cancelWhenAbandoned);
    }
}
