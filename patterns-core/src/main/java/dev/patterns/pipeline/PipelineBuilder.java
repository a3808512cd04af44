package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a {@link Pipeline} stage by stage, then starts it with a terminal consumer. Each stage
 * method checks its arguments at once; {@link #start(String, ThrowingConsumer)} checks the whole.
 * Not thread-safe; a builder starts one pipeline.
 *
 * @param <S> the type of items the source provides
 * @param <T> the type of items the last stage added so far produces
 */
public final class PipelineBuilder<S, T> {

    private record Spec(String name, Operator operator, StageOptions options) {
    }

    private final String name;
    private final Channel<Object> source;
    private final Iterable<?> feed;
    private final List<Spec> specs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private Ticker ticker = Ticker.system();
    private boolean started;

    @SuppressWarnings("unchecked")
    PipelineBuilder(String name, Channel<?> source, Iterable<?> feed) {
        this.name = Checks.notBlank("name", name);
        this.source = (Channel<Object>) source;
        this.feed = feed;
    }

    /**
     * Adds a stage that maps each item to one result; a {@code null} result filters the item out.
     *
     * @param stage the stage's name, unique in this pipeline
     * @param function the work; must be safe to call from several threads at once
     * @param <R> the result type
     * @return this builder, now producing {@code R}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken
     * @throws IllegalStateException if the pipeline was already started
     */
    public <R> PipelineBuilder<S, R> map(String stage, ThrowingFunction<? super T, ? extends R> function) {
        return map(stage, function, options -> { });
    }

    /**
     * Adds a stage that maps each item to one result, with options.
     *
     * @param stage the stage's name, unique in this pipeline
     * @param function the work; must be safe to call from several threads at once
     * @param options sets the stage's {@link StageOptions}
     * @param <R> the result type
     * @return this builder, now producing {@code R}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken, or an option is invalid
     * @throws IllegalStateException if the pipeline was already started
     */
    @SuppressWarnings("unchecked")
    public <R> PipelineBuilder<S, R> map(String stage, ThrowingFunction<? super T, ? extends R> function,
                                         Consumer<? super StageOptions> options) {
        Objects.requireNonNull(function, "function");
        add(stage, new Operator.Map((ThrowingFunction<Object, Object>) function), options, 0);
        return (PipelineBuilder<S, R>) this;
    }

    /**
     * Adds a stage that passes on the items {@code predicate} accepts; the others are counted as
     * filtered.
     *
     * @param stage the stage's name, unique in this pipeline
     * @param predicate the test; must be safe to call from several threads at once
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken
     * @throws IllegalStateException if the pipeline was already started
     */
    public PipelineBuilder<S, T> filter(String stage, ThrowingPredicate<? super T> predicate) {
        return filter(stage, predicate, options -> { });
    }

    /**
     * Adds a filter stage, with options.
     *
     * @param stage the stage's name, unique in this pipeline
     * @param predicate the test; must be safe to call from several threads at once
     * @param options sets the stage's {@link StageOptions}
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken, or an option is invalid
     * @throws IllegalStateException if the pipeline was already started
     */
    @SuppressWarnings("unchecked")
    public PipelineBuilder<S, T> filter(String stage, ThrowingPredicate<? super T> predicate,
                                       Consumer<? super StageOptions> options) {
        Objects.requireNonNull(predicate, "predicate");
        add(stage, new Operator.Filter((ThrowingPredicate<Object>) predicate), options, 0);
        return this;
    }

    /**
     * Adds a stage that turns each item into zero or more results, passed on in iteration order.
     * An item with no results is counted as filtered.
     *
     * @param stage the stage's name, unique in this pipeline
     * @param function the work; the iterable it returns is read in the worker (errors while
     *     reading it count as the function's errors) and must not contain {@code null}
     * @param <R> the result type
     * @return this builder, now producing {@code R}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken
     * @throws IllegalStateException if the pipeline was already started
     */
    public <R> PipelineBuilder<S, R> flatMap(String stage,
                                             ThrowingFunction<? super T, ? extends Iterable<? extends R>> function) {
        return flatMap(stage, function, options -> { });
    }

    /**
     * Adds a one-to-many stage, with options.
     *
     * @param stage the stage's name, unique in this pipeline
     * @param function the work; see {@link #flatMap(String, ThrowingFunction)}
     * @param options sets the stage's {@link StageOptions}
     * @param <R> the result type
     * @return this builder, now producing {@code R}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken, or an option is invalid
     * @throws IllegalStateException if the pipeline was already started
     */
    @SuppressWarnings("unchecked")
    public <R> PipelineBuilder<S, R> flatMap(String stage,
                                             ThrowingFunction<? super T, ? extends Iterable<? extends R>> function,
                                             Consumer<? super StageOptions> options) {
        Objects.requireNonNull(function, "function");
        add(stage, new Operator.FlatMap((ThrowingFunction<Object, Iterable<?>>) (Object) function), options, 0);
        return (PipelineBuilder<S, R>) this;
    }

    /**
     * Sets the time source of the throughput figures; {@link Ticker#system()} by default.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public PipelineBuilder<S, T> ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Adds the terminal consumer (one worker) and starts the pipeline.
     *
     * @param stage the terminal stage's name, unique in this pipeline
     * @param consumer receives every result of the last stage
     * @return the running pipeline
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken
     * @throws IllegalStateException if no stage was added, or the pipeline was already started
     */
    public Pipeline<S> start(String stage, ThrowingConsumer<? super T> consumer) {
        return start(stage, consumer, options -> { });
    }

    /**
     * Adds the terminal consumer and starts the pipeline. The consumer runs on one worker unless
     * the options say otherwise (then it must be thread-safe). It runs items in the order its
     * workers take them, so {@link StageOptions#ordered(int)} is rejected here: to consume in
     * input order, order the stage before it and leave the consumer one worker.
     *
     * @param stage the terminal stage's name, unique in this pipeline
     * @param consumer receives every result of the last stage
     * @param options sets the terminal stage's {@link StageOptions}
     * @return the running pipeline
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or taken, an option is invalid, or
     *     {@code ordered} is set
     * @throws IllegalStateException if no stage was added, or the pipeline was already started
     */
    @SuppressWarnings("unchecked")
    public Pipeline<S> start(String stage, ThrowingConsumer<? super T> consumer,
                             Consumer<? super StageOptions> options) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(options, "options");
        checkNotStarted();
        if (specs.isEmpty()) {
            throw new IllegalStateException("stages: 0 (expected: >= 1 before the terminal consumer)");
        }
        add(stage, new Operator.Consume((ThrowingConsumer<Object>) consumer), options, 1);
        started = true;

        Engine engine;
        List<Channel<Object>> inputs = new ArrayList<>();
        if (feed != null) {
            Channel<Object> first = Channel.builder(specs.get(0).options().buffer()).name(name + "/" + specs.get(0).name()).build();
            engine = new Engine(name, ticker, first, feed);
            inputs.add(first);
        } else {
            engine = new Engine(name, ticker, source, null);
            inputs.add(source);
        }
        for (int i = 1; i < specs.size(); i++) {
            inputs.add(Channel.builder(specs.get(i).options().buffer()).name(name + "/" + specs.get(i).name()).build());
        }
        Stage previous = null;
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            Channel<Object> out = i + 1 < specs.size() ? inputs.get(i + 1) : null;
            Stage s = new Stage(engine, spec.name(), spec.operator(), spec.options(), inputs.get(i), out);
            if (previous != null) {
                previous.next = s;
            }
            engine.stages.add(s);
            previous = s;
        }
        engine.start();
        return new PipelineImpl<>(engine, feed == null ? (Channel<S>) (Channel<?>) source : null);
    }

    private void add(String stage, Operator operator, Consumer<? super StageOptions> configure,
                     int defaultParallelism) {
        checkNotStarted();
        Checks.notBlank("stage", stage);
        Objects.requireNonNull(configure, "options");
        if (names.contains(stage)) {
            throw new IllegalArgumentException("stage: '" + stage + "' (expected: a name not yet used in pipeline '"
                    + name + "')");
        }
        StageOptions options = new StageOptions(defaultParallelism);
        configure.accept(options);
        if (operator instanceof Operator.Consume && options.orderWindow() > 0) {
            // NOTE: ordering reorders what a stage passes on; the consumer passes nothing on, it
            // runs as its workers take items, so the option would be silently ignored.
            throw new IllegalArgumentException("ordered: " + options.orderWindow() + " (expected: not set on the"
                    + " terminal consumer '" + stage + "'; order the stage before it and keep one consumer worker)");
        }
        names.add(stage);
        specs.add(new Spec(stage, operator, options));
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("pipeline '" + name + "' already started");
        }
    }
}
