package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;
import dev.patterns.channel.ChannelStats;
import dev.patterns.time.Deadline;
import dev.patterns.time.Ticker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle shared by {@link WorkerPool} and {@link Pipeline}: a source channel, stages in
 * order, an optional feeder thread, and the shutdown protocol.
 */
final class Engine {
    /*
     * Implementation notes.
     *
     * State only moves forward: RUNNING -> DRAINING (graceful: the source is closed and completion
     * flows stage by stage through each stage's last worker out) and, from either, STOPPING
     * (shutdownNow) or FAILED (a fail-fast error). STOPPING and FAILED both mean "stop": every
     * channel is closed (failed, with the cause) *before* any thread is interrupted, so a worker
     * that wakes cannot pass an item into a channel that will not be drained again.
     *
     * `exited` counts every thread the engine started; termination is that count at zero *and*
     * every recorded thread no longer alive (a thread counts out just before it ends).
     */

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Whether "terminated" was logged. */
    private final java.util.concurrent.atomic.AtomicBoolean terminationLogged =
            new java.util.concurrent.atomic.AtomicBoolean();

    static final int RUNNING = 0;
    static final int DRAINING = 1;
    static final int STOPPING = 2;
    static final int FAILED = 3;

    private static final VarHandle FED;

    static {
        try {
            FED = MethodHandles.lookup().findVarHandle(Engine.class, "fed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    final Ticker ticker;
    final Channel<Object> source;
    private final Iterable<?> feed;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile String failedStage;
    /** Set while wiring, before start; read-only afterwards. */
    final List<Stage> stages = new ArrayList<>();
    private Thread feeder;
    private volatile boolean feedStop;
    /** Items the feeder sent into the source; written only by the feeder. */
    private long fed;
    private CountDownLatch exited;
    /** Set once every thread started was seen ended; never reset. */
    private volatile boolean ended;
    volatile long startNanos;

    Engine(String name, Ticker ticker, Channel<Object> source, Iterable<?> feed) {
        this.name = name;
        this.ticker = ticker;
        this.source = source;
        this.feed = feed;
    }

    void start() {
        int threads = feed == null ? 0 : 1;
        for (Stage s : stages) {
            threads += s.parallelism;
            s.createThreads(name);
        }
        exited = new CountDownLatch(threads);
        if (feed != null) {
            feeder = Thread.ofVirtual().name(name + "-source").unstarted(this::feed);
        }
        startNanos = ticker.read();
        LOG.debug("'{}' started: {} stage(s), {} thread(s)", name, stages.size(), threads);
        for (int i = stages.size() - 1; i >= 0; i--) {
            stages.get(i).startThreads();
        }
        if (feeder != null) {
            feeder.start();
        }
    }

    /** Every thread the engine started (the feeder first, if any). */
    List<Thread> threads() {
        List<Thread> all = new ArrayList<>();
        if (feeder != null) {
            all.add(feeder);
        }
        for (Stage s : stages) {
            s.addThreads(all);
        }
        return all;
    }

    boolean stopping() {
        return state.get() >= STOPPING;
    }

    Throwable failure() {
        return failure.get();
    }

    String failedStage() {
        return failedStage;
    }

    void threadExited() {
        exited.countDown();
    }

    /** Graceful: no more input; every stage finishes what it accepted. */
    void shutdown() {
        if (state.compareAndSet(RUNNING, DRAINING)) {
            LOG.debug("'{}' closing: no more input, every stage finishes what it accepted", name);
            if (feed != null) {
                feedStop = true;
            } else {
                source.close();
            }
        }
    }

    /** Fail fast: record the first failure and stop everything. Called by a worker. */
    void fail(String stage, Throwable cause) {
        if (!failure.compareAndSet(null, cause)) {
            // A later failure (another worker, same moment) is kept with the first, not dropped.
            Throwable first = failure.get();
            if (first != cause) {
                first.addSuppressed(cause);
            }
            return;
        }
        failedStage = stage;
        int s;
        do {
            s = state.get();
            if (s >= STOPPING) {
                return;
            }
        } while (!state.compareAndSet(s, FAILED));
        PipelineFailedEvent.emit(name, stage, cause);
        LOG.warn("'{}' failed in stage '{}'; stopping", name, stage, cause);
        stopAll(cause);
    }

    ShutdownReport<Object> shutdownNow(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (!isTerminated()) {
            int s;
            do {
                s = state.get();
            } while (s < STOPPING && !state.compareAndSet(s, STOPPING));
            if (s < STOPPING) {
                stopAll(null);
            }
        }
        boolean terminated;
        try {
            terminated = awaitTermination(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminated = isTerminated();
        }
        List<Object> unprocessed = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        if (feeder != null && feeder.isAlive()) {
            stuck.add(feeder.getName());
        }
        for (Stage stage : stages) {
            stage.collectUnprocessed(unprocessed);
            stuck.addAll(stage.stuckWorkers());
        }
        if (!stuck.isEmpty()) {
            LOG.warn("'{}': {} thread(s) ignored the interrupt and are still running: {}", name, stuck.size(), stuck);
        }
        return new ShutdownReport<>(unprocessed, stuck, terminated);
    }

    private void stopAll(Throwable cause) {
        if (cause != null) {
            source.fail(cause);
        } else {
            source.close();
        }
        for (Stage s : stages) {
            s.abortOutput(cause);
        }
        Thread self = Thread.currentThread();
        if (feeder != null && feeder != self) {
            feeder.interrupt();
        }
        for (Stage s : stages) {
            s.interruptWorkers(self);
        }
    }

    /**
     * Waits until every thread has left its loop and then until each has actually ended: a worker
     * counts itself out as the last thing it does, but is still alive for a moment after, and a
     * caller told "terminated" must not find a live pipeline thread.
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        long nanos = Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        long start = System.nanoTime();
        if (!exited.await(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        Thread self = Thread.currentThread();
        for (Thread t : threads()) {
            if (t != self) {
                long left = nanos - (System.nanoTime() - start);
                if (!t.join(Duration.ofNanos(Math.max(0, left)))) {
                    return false;
                }
            }
        }
        logTerminated();
        return true;
    }

    /** Logs (at DEBUG) that the pipeline terminated, once, whoever saw it first. */
    private void logTerminated() {
        if (terminationLogged.compareAndSet(false, true)) {
            LOG.debug("'{}' terminated: every thread has ended", name);
        }
    }

    void awaitTermination() throws InterruptedException {
        exited.await();
        Thread self = Thread.currentThread();
        for (Thread t : threads()) {
            if (t != self) {
                t.join();
            }
        }
        logTerminated();
    }

    /**
     * Whether every thread has ended. Counting out is not enough: a thread that counted itself out
     * is still alive for a moment, and a caller told "terminated" must agree with
     * {@code Thread.join}. So once the count is zero each recorded thread is checked, and the
     * answer, once true, is remembered.
     */
    boolean isTerminated() {
        if (ended) {
            return true;
        }
        if (exited.getCount() != 0) {
            return false;
        }
        for (Thread t : threads()) {
            // NOTE: a false isAlive() synchronizes-with the thread's end (JLS 17.4.4), as join does.
            if (t.isAlive()) {
                return false;
            }
        }
        ended = true;
        return true;
    }

    RunState runState() {
        boolean terminated = isTerminated();
        if (failure.get() != null) {
            return RunState.FAILED;
        }
        int s = state.get();
        if (s == STOPPING) {
            return terminated ? RunState.STOPPED : RunState.STOPPING;
        }
        if (terminated) {
            return RunState.COMPLETED;
        }
        return s == DRAINING || source.isClosedForSend() ? RunState.DRAINING : RunState.RUNNING;
    }

    /** Items the pipeline accepted from its source. */
    long accepted() {
        if (feed != null) {
            return (long) FED.getAcquire(this);
        }
        ChannelStats cs = source.stats();
        return cs.sent() - cs.dropped();
    }

    long droppedAtSource() {
        return feed != null ? 0 : source.stats().dropped();
    }

    private void feed() {
        try {
            Iterator<?> it = feed.iterator();
            while (!feedStop && !stopping() && it.hasNext()) {
                Object item = Objects.requireNonNull(it.next(), "source element");
                try {
                    source.send(item);
                    FED.setRelease(this, fed + 1);
                } catch (InterruptedException | ChannelClosedException stopped) {
                    // Taken from the iterator but refused: accepted, and handed back.
                    FED.setRelease(this, fed + 1);
                    stages.get(0).returnQueued(List.of(item));
                    return;
                }
            }
        } catch (VirtualMachineError fatal) {
            fail(name + "-source", fatal);
            throw fatal;
        } catch (Throwable error) {
            fail(name + "-source", error);
        } finally {
            Throwable f = failure.get();
            if (f != null) {
                source.fail(f);
            } else {
                source.close();
            }
            threadExited();
        }
    }
}
