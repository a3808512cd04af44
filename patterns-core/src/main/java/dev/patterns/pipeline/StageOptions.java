package dev.patterns.pipeline;

import java.util.Objects;

import dev.patterns.internal.Checks;

/**
 * The settings of one {@link Pipeline} stage, given to the builder as a configurer:
 *
 * <pre>{@code
 * .map("analyse", Analyser::score, s -> s.kind(WorkKind.CPU).concurrency(2).buffer(1024).ordered(256))
 * }</pre>
 *
 * <p>Each setter validates its argument at once, so bad configuration fails while the pipeline is
 * built. Not thread-safe; the builder copies the settings.
 */
public final class StageOptions {

    /** Buffer used when none is set. */
    public static final int DEFAULT_BUFFER = 1024;

    private WorkKind kind = WorkKind.CPU;
    private int parallelism;
    private int buffer = DEFAULT_BUFFER;
    private ErrorPolicy errorPolicy = ErrorPolicy.failFast();
    private int orderWindow;

    StageOptions(int defaultParallelism) {
        this.parallelism = defaultParallelism;
    }

    /**
     * Sets the kind of threads the stage's workers run on; {@link WorkKind#CPU} by default.
     *
     * @param kind the kind
     * @return these options
     * @throws NullPointerException if {@code kind} is null
     */
    public StageOptions kind(WorkKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /**
     * Sets how many workers run the stage at the same time. When not set: the number of cores for
     * {@link WorkKind#CPU}, twice that for {@link WorkKind#IO}, and 1 for the terminal consumer.
     *
     * @param concurrency the worker count
     * @return these options
     * @throws IllegalArgumentException if {@code concurrency < 1}
     */
    public StageOptions concurrency(int concurrency) {
        this.parallelism = Checks.atLeast("concurrency", concurrency, 1);
        return this;
    }

    /**
     * Sets the capacity of the bounded channel in front of the stage; {@value #DEFAULT_BUFFER} by
     * default. For the first stage of a pipeline that reads a channel or a sink, that channel is
     * the buffer and this setting is not used.
     *
     * @param buffer the capacity
     * @return these options
     * @throws IllegalArgumentException if {@code buffer < 1}
     */
    public StageOptions buffer(int buffer) {
        this.buffer = Checks.atLeast("buffer", buffer, 1);
        return this;
    }

    /**
     * Sets what happens to an item whose function throws; {@link ErrorPolicy#failFast()} by default.
     *
     * @param errorPolicy the policy
     * @return these options
     * @throws NullPointerException if {@code errorPolicy} is null
     */
    public StageOptions errorPolicy(ErrorPolicy errorPolicy) {
        this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
        return this;
    }

    /**
     * Makes the stage pass its results on in input order despite parallel workers. At most
     * {@code window} items are between being taken and being passed on; a worker that would get
     * further ahead of the oldest unfinished item waits, so memory stays bounded.
     *
     * @param window the reorder window
     * @return these options
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public StageOptions ordered(int window) {
        this.orderWindow = Checks.atLeast("window", window, 1);
        return this;
    }

    WorkKind kind() {
        return kind;
    }

    int concurrency() {
        if (parallelism > 0) {
            return parallelism;
        }
        int cores = PoolSizing.forCpu();
        return kind == WorkKind.IO ? PoolSizing.forBlocking(cores, 1, 1) : cores;
    }

    int buffer() {
        return buffer;
    }

    ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    int orderWindow() {
        return orderWindow;
    }
}
