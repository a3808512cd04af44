package dev.patterns.channel.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.patterns.channel.ChannelClosedException;
import dev.patterns.pipeline.DeadLetter;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.ThrowingConsumer;
import dev.patterns.pipeline.ThrowingFunction;
import dev.patterns.pipeline.ThrowingPredicate;
import dev.patterns.time.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *         .map("parse", source.map(Order::parse), s -> s.concurrency(4)
 *                 .errorPolicy(source.deadLetter("unparsable", d -> log.warn("{}", d))))
 *         .filter("paid", source.filter(Order::isPaid))
 *         .start("store", source.consume(db::insert));
 * source.start(pipeline);        // reads batches on a virtual thread until the stream ends
 * source.awaitTermination(...);  // the stream ended: the reader stopped and shut the pipeline down
 * pipeline.join();               // the pipeline drained: every item fed was processed and settled
 * }</pre>
 *
 * <p>The adapters ({@link #map}, {@link #filter}, {@link #consume}, {@link #deadLetter}) carry the
 * delivery along ({@link StreamItem#withValue(Object)}) and settle it. A stage written by hand on
 * {@code StreamItem}s must pass the delivery on the same way. An item the pipeline abandons
 * unsettled when it ends (a fail-fast error, a stop) is delivered again after the visibility
 * timeout and, after the consumer's maximum deliveries, dead-lettered by the consumer. One that a
 * hand-written stage drops unsettled while the pipeline runs (a plain filter) stays held by this
 * source, which cannot tell that it left: another consumer of the group may take it over after the
 * visibility timeout (this consumer's reclaims only extend it), this consumer once this source has
 * ended. There is no {@code flatMap} adapter: one message settles once.
 *
 * <p><b>Settling.</b> A stage's work is never repeated because its settlement failed. If Redis
 * does not confirm an acknowledgement or a move to the dead-letter stream (it did not answer, or
 * the worker was interrupted, as by {@code shutdownNow}), the stage's error policy is not involved:
 * the failure is logged and counted ({@link RedisStreamSourceStats#ackFailed()}), the item leaves
 * the pipeline, and the message stays pending, to be delivered again after the visibility timeout
 * (at least once: an idempotency store in the terminal consumer makes it once).
 *
 * <p><b>The visibility timeout must exceed the longest time an item can spend in the pipeline</b>,
 * from being fed to being settled: channel buffers, workers, retries and backoffs included; bound it
 * with small channel capacities and batches, or raise the timeout. The consumer's periodic
 * reclaim ({@code XAUTOCLAIM}) takes every entry idle longer than the timeout, this consumer's own
 * included. This source therefore keeps the ids of the items it has fed and not yet settled; a
 * reclaimed id it holds is neither fed again nor dead-lettered: the claim only restarts its
 * visibility timeout ({@link RedisStreamSourceStats#extended()} counts these; each claim also adds
 * one to the message's delivery count in Redis). That keeps a slow pipeline from processing a
 * message twice in one process, but not another consumer of the group, which may claim the
 * message first and process it concurrently: only a timeout longer than the pipeline's delay, or
 * the idempotency store, prevents that.
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

    /*
     * Implementation notes. The held set is the smallest thing that stops a source from feeding its
     * own in-flight messages twice: the reader adds an id before it sends the item, and checks the
     * set when the consumer reclaims (through StreamConsumer's held predicate, so a held entry is
     * not dead-lettered either; and again on what any consumer returns). A settlement that fails
     * removes the id at once: the item has left the pipeline and the message, still pending, must
     * be fed again when reclaimed. A settlement Redis confirmed removes it only when the reader
     * starts its next read (the settled queue): a reclaim may have claimed the entry just before it
     * was acknowledged, and must still see it held. Rejected: XPENDING-then-XCLAIM of other
     * consumers' entries only, which would never give this consumer back its own entries after a
     * restart under the same name; a heartbeat re-claiming every held id each period (XCLAIM JUSTID),
     * which costs round trips for every item in flight to fix what a long enough timeout avoids.
     */

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSource.class);
    private static final int MAX_BATCH = 10_000;

    private final RedisStreamConsumer<E> consumer;
    private final int batch;
    private final String name;
    private final LongAdder fed = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder ackFailed = new LongAdder();
    private final LongAdder extended = new LongAdder();
    /** Ids fed and not yet settled, and those settled since the reader's last read began. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Ids whose settlement Redis confirmed, to drop from held before the reader's next read. */
    private final Queue<String> settled = new ConcurrentLinkedQueue<>();
    /** Answers whether the source holds an id, counting each reclaim it thereby skips. */
    private final Predicate<String> holds = id -> {
        if (held.contains(id)) {
            extended.increment();
            countersMoved();
            return true;
        }
        return false;
    };
    /** Runs after {@code ackFailed} or {@code extended} moved; for tests to wait on, null otherwise. */
    volatile Runnable countersListener;
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
     * {@link #deadLetter(String, Consumer)}, the message is dead-lettered). If the acknowledgement
     * fails, {@code consumer} is not called again and the error policy does not see it: it is
     * counted in {@link RedisStreamSourceStats#ackFailed()} and the message stays pending, to be
     * delivered again after the visibility timeout.
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
            acknowledge(item, false);
        };
    }

    /**
     * Returns a dead-letter policy for the stages: {@code sink} sees the dead letter first, then
     * the message is moved to the consumer's dead-letter stream with the error (and so
     * acknowledged). If {@code sink} throws, the message is not moved and the pipeline fails fast,
     * as with any dead-letter sink that throws; the message comes back after the visibility timeout.
     * If the move fails (Redis did not answer), it is counted in
     * {@link RedisStreamSourceStats#ackFailed()} and the message stays pending, to be delivered
     * again after the visibility timeout.
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
            boolean moved;
            try {
                moved = item.deadLetter(letter.error());
            } catch (RuntimeException e) {
                settleFailed(item, "move to the dead-letter stream", e);
                return;
            }
            if (moved) {
                deadLettered.increment();
                settled.add(item.id());
            }
        });
    }

    private void settleFiltered(StreamItem<?> item) {
        acknowledge(item, true);
    }

    /** Acknowledges at the end of the item's way; a failure is counted and logged, not thrown. */
    private void acknowledge(StreamItem<?> item, boolean filteredOut) {
        boolean done;
        try {
            done = item.ack();
        } catch (RuntimeException e) {
            settleFailed(item, "acknowledgement", e);
            return;
        }
        if (done) {
            acked.increment();
            if (filteredOut) {
                filtered.increment();
            }
            settled.add(item.id());
        }
    }

    /**
     * The stage's work is done and must not run again, so the error stays out of its error policy;
     * the message is still pending (an interrupt stays set for the worker to see).
     */
    private void settleFailed(StreamItem<?> item, String what, RuntimeException e) {
        ackFailed.increment();
        held.remove(item.id()); // it left the pipeline: a reclaim must feed it again
        countersMoved();
        LOG.warn("'{}': the {} of {} failed; the message stays pending and comes back after the visibility timeout: {}",
                name, what, item, e.toString());
    }

    private void countersMoved() {
        Runnable listener = countersListener;
        if (listener != null) {
            listener.run();
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
                for (String id; (id = settled.poll()) != null; ) {
                    held.remove(id);
                }
                List<StreamDelivery<E>> deliveries = consumer instanceof StreamConsumer<E> own
                        ? own.receive(batch, Duration.ofSeconds(1), holds)
                        : consumer.receive(batch, Duration.ofSeconds(1));
                for (StreamDelivery<E> delivery : deliveries) {
                    if (!held.add(delivery.id())) {
                        extended.increment(); // reclaimed while still in the pipeline: not fed twice
                        countersMoved();
                        continue;
                    }
                    // NOTE: counted before the send, so that acked never exceeds fed; a delivery not
                    // sent (stopped, interrupted) is uncounted and stays pending: it comes back later.
                    fed.increment();
                    boolean sent = false;
                    try {
                        target.input().send(StreamItem.of(delivery));
                        sent = true;
                    } finally {
                        if (!sent) {
                            fed.decrement();
                            held.remove(delivery.id());
                        }
                    }
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
        return new RedisStreamSourceStats(name, fed.sum(), acked.sum(), filtered.sum(), deadLettered.sum(),
                ackFailed.sum(), extended.sum());
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
