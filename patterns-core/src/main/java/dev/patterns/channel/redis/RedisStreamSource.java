package dev.patterns.channel.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.patterns.channel.ChannelClosedException;
import dev.patterns.pipeline.DeadLetter;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.ThrowingConsumer;
import dev.patterns.pipeline.ThrowingFunction;
import dev.patterns.pipeline.ThrowingPredicate;
import dev.patterns.time.Deadline;

/**
 * Feeds a {@link Pipeline} from a Redis stream and acknowledges each message only at the end of
 * its way through the pipeline: when the terminal consumer returned, when a stage filtered it out,
 * or, when a stage gave up on it, by moving it to the dead-letter stream with the error. Until then
 * the message stays pending in Redis; a process killed between stages loses nothing, because
 * another consumer of the group takes the message over after the visibility timeout. Together with
 * an idempotency store in the terminal consumer, that makes processing effectively once.
 *
 * <pre>{@code
 * RedisStreamSource<String> source = RedisStreamSource.of(orders.consumer("worker-1"), 64);
 * Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("orders", 256)
 *         .map("parse", source.map(Order::parse), s -> s.parallelism(4)
 *                 .errorPolicy(source.deadLetter("unparsable", d -> log.warn("{}", d))))
 *         .filter("paid", source.filter(Order::isPaid))
 *         .start("store", source.consume(db::insert));
 * source.start(pipeline);        // reads batches on a virtual thread until the stream ends
 * source.awaitTermination(...);  // the stream ended: the pipeline was shut down and drained
 * }</pre>
 *
 * <p>The adapters ({@link #map}, {@link #filter}, {@link #consume}, {@link #deadLetter}) carry the
 * delivery along ({@link StreamItem#withValue(Object)}) and settle it. A stage written by hand on
 * {@code StreamItem}s must pass the delivery on the same way; an item that leaves the pipeline
 * unsettled (a plain filter, a fail-fast error, a stop) is delivered again after the visibility
 * timeout and, after the consumer's maximum deliveries, dead-lettered by the consumer. There is no
 * {@code flatMap} adapter: one message settles once.
 *
 * <p>Once started, the source reads batches with {@link RedisStreamConsumer#receive(int, Duration)}
 * and sends each delivery into {@link Pipeline#input()}, waiting while it is full (backpressure
 * reaches Redis: unread messages stay in the stream). When the stream ends (the producers closed it
 * and every message was acknowledged) it {@linkplain Pipeline#shutdown() shuts the pipeline down}.
 * If Redis fails to answer, the source stops reading, keeps the error ({@link #failure()}) and
 * shuts the pipeline down; what was fed is still processed.
 *
 * <p>Thread-safe. The adapters may be called from any number of workers. Settling a delivery is a
 * round trip to Redis in the worker that settles it.
 *
 * @param <E> the message type
 */
public final class RedisStreamSource<E> implements AutoCloseable {

    private static final int MAX_BATCH = 10_000;

    private final RedisStreamConsumer<E> consumer;
    private final int batch;
    private final String name;
    private final LongAdder fed = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    /** Set once by start. */
    private final AtomicReference<Thread> reader = new AtomicReference<>();
    private final AtomicReference<Pipeline<StreamItem<E>>> pipeline = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean stopping;

    private RedisStreamSource(RedisStreamConsumer<E> consumer, int batch) {
        this.consumer = consumer;
        this.batch = batch;
        this.name = consumer.stats().name() + "/source";
    }

    /**
     * Makes a source, not yet started, reading {@code consumer} in batches of at most
     * {@code batch} messages.
     *
     * @param consumer the stream consumer; the source does not close it
     * @param batch the most messages read at once, in [1, 10000]
     * @param <E> the message type
     * @return the source
     * @throws NullPointerException if {@code consumer} is null
     * @throws IllegalArgumentException if {@code batch} is out of range
     */
    public static <E> RedisStreamSource<E> of(RedisStreamConsumer<E> consumer, int batch) {
        Objects.requireNonNull(consumer, "consumer");
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch: " + batch + " (expected: in [1, " + MAX_BATCH + "])");
        }
        return new RedisStreamSource<>(consumer, batch);
    }

    /**
     * Adapts a stage function to stream items: the result travels with the delivery; a
     * {@code null} result filters the item out and acknowledges its delivery.
     *
     * @param function the work on the value
     * @param <V> the type of the value
     * @param <R> the type of the result
     * @return the stage function for {@code PipelineBuilder.map}
     * @throws NullPointerException if {@code function} is null
     */
    public <V, R> ThrowingFunction<StreamItem<V>, StreamItem<R>> map(ThrowingFunction<? super V, ? extends R> function) {
        Objects.requireNonNull(function, "function");
        return item -> {
            R result = function.apply(item.value());
            if (result == null) {
                settleFiltered(item);
                return null;
            }
            return item.withValue(result);
        };
    }

    /**
     * Adapts a predicate to stream items: an item it rejects is acknowledged (filtered out).
     *
     * @param predicate the test on the value
     * @param <V> the type of the value
     * @return the predicate for {@code PipelineBuilder.filter}
     * @throws NullPointerException if {@code predicate} is null
     */
    public <V> ThrowingPredicate<StreamItem<V>> filter(ThrowingPredicate<? super V> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return item -> {
            if (predicate.test(item.value())) {
                return true;
            }
            settleFiltered(item);
            return false;
        };
    }

    /**
     * Adapts the terminal consumer: the delivery is acknowledged after {@code consumer} returned,
     * never before; if it throws, the terminal stage's error policy decides (with
     * {@link #deadLetter(String, Consumer)}, the message is dead-lettered).
     *
     * @param consumer the work on the value
     * @param <V> the type of the value
     * @return the consumer for {@code PipelineBuilder.start}
     * @throws NullPointerException if {@code consumer} is null
     */
    public <V> ThrowingConsumer<StreamItem<V>> consume(ThrowingConsumer<? super V> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return item -> {
            consumer.accept(item.value());
            if (item.ack()) {
                acked.increment();
            }
        };
    }

    /**
     * Returns a dead-letter policy for the stages: {@code sink} sees the dead letter first, then
     * the message is moved to the consumer's dead-letter stream with the error (and so
     * acknowledged). If {@code sink} throws, the message is not moved and the pipeline fails fast,
     * as with any dead-letter sink that throws; the message comes back after the visibility timeout.
     *
     * @param sinkName the sink's name, shown in {@link DeadLetter#sink()}
     * @param sink sees each dead letter, in the worker's thread; must be thread-safe when the stage
     *     has several workers
     * @return the policy
     * @throws NullPointerException if an argument is null
     */
    public ErrorPolicy.DeadLetters deadLetter(String sinkName, Consumer<? super DeadLetter> sink) {
        Objects.requireNonNull(sinkName, "sinkName");
        Objects.requireNonNull(sink, "sink");
        return ErrorPolicy.deadLetter(sinkName, letter -> {
            if (!(letter.item() instanceof StreamItem<?> item)) {
                throw new IllegalArgumentException("dead letter item: " + letter.item()
                        + " (expected: a StreamItem; stage '" + letter.stage() + "' does not pass stream items)");
            }
            sink.accept(letter);
            if (item.deadLetter(letter.error())) {
                deadLettered.increment();
            }
        });
    }

    private void settleFiltered(StreamItem<?> item) {
        if (item.ack()) {
            acked.increment();
            filtered.increment();
        }
    }

    /**
     * Starts reading into {@code pipeline}'s input on a virtual thread; returns at once.
     *
     * @param pipeline a pipeline built with this source's adapters, reading its {@link Pipeline#input()}
     * @throws NullPointerException if {@code pipeline} is null
     * @throws IllegalStateException if this source was started already, or the pipeline reads an iterable
     */
    public void start(Pipeline<StreamItem<E>> pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        pipeline.input(); // throws IllegalStateException for an iterable source
        if (!this.pipeline.compareAndSet(null, pipeline)) {
            throw new IllegalStateException("source '" + name + "' was already started");
        }
        reader.set(Thread.ofVirtual().name(pipeline.name() + "/redis-source").start(() -> run(pipeline)));
    }

    private void run(Pipeline<StreamItem<E>> target) {
        try {
            while (!stopping) {
                List<StreamDelivery<E>> deliveries = consumer.receive(batch, Duration.ofSeconds(1));
                for (StreamDelivery<E> delivery : deliveries) {
                    // NOTE: a delivery not sent (stopped, interrupted) stays pending: it comes back later.
                    target.input().send(StreamItem.of(delivery));
                    fed.increment();
                }
                if (deliveries.isEmpty() && consumer.isEndOfStream()) {
                    break;
                }
            }
        } catch (InterruptedException | ChannelClosedException e) {
            return; // stopped, or the pipeline stopped: what was not fed stays pending in Redis
        } catch (RuntimeException e) {
            if (stopping) {
                return; // interrupted inside a Redis call by stop()
            }
            failure.set(e);
        }
        target.shutdown();
    }

    /**
     * Stops reading and returns at once; the deliveries already fed are still processed and settled
     * (call {@link Pipeline#shutdown()} or {@link #close()} to drain the pipeline). Messages read but
     * not yet fed stay pending and come back after the visibility timeout. Idempotent.
     */
    public void stop() {
        stopping = true;
        Thread t = reader.get();
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Waits until the reading thread has ended (the stream ended, the source was stopped, or the
     * pipeline stopped taking input), or the timeout elapses.
     *
     * @param timeout the longest wait; zero or negative means do not wait
     * @return {@code true} if the reading thread has ended or was never started
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Thread t = reader.get();
        if (t == null) {
            return true;
        }
        long nanos = timeout.isNegative() ? 0 : Deadline.saturatedNanos(timeout);
        if (nanos > 0) {
            t.join(Duration.ofNanos(nanos));
        }
        return !t.isAlive();
    }

    /**
     * Returns the error that stopped the reading, if Redis failed to answer.
     *
     * @return the error, or {@code null}
     */
    public RuntimeException failure() {
        return failure.get();
    }

    /**
     * Returns the counters.
     *
     * @return the stats
     */
    public RedisStreamSourceStats stats() {
        return new RedisStreamSourceStats(name, fed.sum(), acked.sum(), filtered.sum(), deadLettered.sum());
    }

    /**
     * Stops reading, then closes the pipeline gracefully (every fed item is processed and settled)
     * and waits for the reading thread. If interrupted, returns with the interrupt status set.
     */
    @Override
    public void close() {
        stop();
        Pipeline<StreamItem<E>> p = pipeline.get();
        if (p != null) {
            p.close();
        }
        Thread t = reader.get();
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "RedisStreamSource[" + name + "]";
    }
}
