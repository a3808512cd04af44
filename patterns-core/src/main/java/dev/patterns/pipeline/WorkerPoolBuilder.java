package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.channel.Overflow;
import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

import java.util.Objects;

/**
 * Configures and starts a {@link WorkerPool}. Not thread-safe; {@link #start()} may be called once.
 *
 * @param <I> the type of input items
 * @param <O> the type of results
 */
public final class WorkerPoolBuilder<I, O> {

    private final String name;
    private final ThrowingFunction<? super I, ? extends O> function;
    private final StageOptions options = new StageOptions(0);
    private Channel<I> input;
    private int inputCapacity = StageOptions.DEFAULT_BUFFER;
    private Channel<O> output;
    private int outputCapacity = StageOptions.DEFAULT_BUFFER;
    private Ticker ticker = Ticker.system();
    private boolean started;

    WorkerPoolBuilder(String name, ThrowingFunction<? super I, ? extends O> function) {
        this.name = Checks.notBlank("name", name);
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * Sets the kind of threads; {@link WorkKind#CPU} by default.
     *
     * @param kind the kind
     * @return this builder
     * @throws NullPointerException if {@code kind} is null
     */
    public WorkerPoolBuilder<I, O> kind(WorkKind kind) {
        options.kind(kind);
        return this;
    }

    /**
     * Sets how many workers run at the same time: for {@link WorkKind#IO}, the concurrency limit.
     * When not set: the cores for CPU work, twice that for I/O (see {@link PoolSizing}).
     *
     * @param concurrency the worker count
     * @return this builder
     * @throws IllegalArgumentException if {@code concurrency < 1}
     */
    public WorkerPoolBuilder<I, O> concurrency(int concurrency) {
        options.concurrency(concurrency);
        return this;
    }

    /**
     * Reads from an existing channel instead of a new one.
     *
     * @param input the channel; {@link WorkerPool#shutdown()} closes it
     * @return this builder
     * @throws NullPointerException if {@code input} is null
     */
    public WorkerPoolBuilder<I, O> input(Channel<I> input) {
        this.input = Objects.requireNonNull(input, "input");
        return this;
    }

    /**
     * Sets the capacity of the input channel the pool creates; {@value StageOptions#DEFAULT_BUFFER}
     * by default. Not used with {@link #input(Channel)}.
     *
     * @param capacity the capacity
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public WorkerPoolBuilder<I, O> inputCapacity(int capacity) {
        this.inputCapacity = Checks.atLeast("inputCapacity", capacity, 1);
        return this;
    }

    /**
     * Writes to an existing channel instead of a new one. It must block when full, so that no
     * result is dropped.
     *
     * @param output the channel, with {@link Overflow#BLOCK}; the pool closes it when done
     * @return this builder
     * @throws NullPointerException if {@code output} is null
     * @throws IllegalArgumentException if its overflow policy is not {@link Overflow#BLOCK}
     */
    public WorkerPoolBuilder<I, O> output(Channel<O> output) {
        Objects.requireNonNull(output, "output");
        if (output.overflow() != Overflow.BLOCK) {
            throw new IllegalArgumentException("output overflow: " + output.overflow() + " (expected: BLOCK)");
        }
        this.output = output;
        return this;
    }

    /**
     * Sets the capacity of the output channel the pool creates; {@value StageOptions#DEFAULT_BUFFER}
     * by default. Not used with {@link #output(Channel)}.
     *
     * @param capacity the capacity
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public WorkerPoolBuilder<I, O> outputCapacity(int capacity) {
        this.outputCapacity = Checks.atLeast("outputCapacity", capacity, 1);
        return this;
    }

    /**
     * Sets what happens to an item whose function throws; {@link ErrorPolicy#failFast()} by default.
     *
     * @param errorPolicy the policy
     * @return this builder
     * @throws NullPointerException if {@code errorPolicy} is null
     */
    public WorkerPoolBuilder<I, O> errorPolicy(ErrorPolicy errorPolicy) {
        options.errorPolicy(errorPolicy);
        return this;
    }

    /**
     * Makes the pool emit results in input order, with at most {@code window} items between being
     * taken and being passed on (see {@link StageOptions#ordered(int)}).
     *
     * @param window the reorder window
     * @return this builder
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public WorkerPoolBuilder<I, O> ordered(int window) {
        options.ordered(window);
        return this;
    }

    /**
     * Sets the time source of the throughput figures; {@link Ticker#system()} by default.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public WorkerPoolBuilder<I, O> ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Creates the pool and starts its workers.
     *
     * @return the running pool
     * @throws IllegalStateException if this builder already started a pool
     * @throws IllegalArgumentException if the input and the output are the same channel
     */
    @SuppressWarnings("unchecked")
    public WorkerPool<I, O> start() {
        if (started) {
            throw new IllegalStateException("pool '" + name + "' already started (expected: one start per builder)");
        }
        Channel<I> in = input != null ? input : Channel.<I>builder(inputCapacity).name(name + "/in").build();
        Channel<O> out = output != null ? output : Channel.<O>builder(outputCapacity).name(name + "/out").build();
        if ((Object) in == out) {
            throw new IllegalArgumentException("output: the input channel (expected: a different channel)");
        }
        started = true;
        ThrowingFunction<Object, Object> fn = (ThrowingFunction<Object, Object>) function;
        Engine engine = new Engine(name, ticker, (Channel<Object>) in, null);
        Stage stage = new Stage(engine, name, new Operator.Map(fn), options, (Channel<Object>) in, (Channel<Object>) out);
        engine.stages.add(stage);
        engine.start();
        return new WorkerPoolImpl<>(engine, stage, in, out);
    }

}
