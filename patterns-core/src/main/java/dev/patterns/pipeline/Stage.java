package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.internal.LastOut;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage: a pool of stateless workers between an input channel and an output (the next
 * stage's input channel, a pool's output channel, or nothing for a terminal consumer).
 */
final class Stage {
    /*
     * Implementation notes.
     *
     * One item's path: Worker takes it from `input` (its loop), ErrorPolicyRunner applies the
     * Operator under `policy`, and the Operator emits the result into the Worker (its Downstream:
     * send to `output` and count); an ordered stage numbers items and emits in order through the
     * Reorderer. This class only wires those, accounts returns, and closes the output at the end.
     *
     * Accounting. Every item taken from the input is settled exactly once by the worker that took
     * it (or, under ordering, by whichever worker passes it on): done (+ emitted results),
     * filtered, dead-lettered, failed, or returned. Items still in the input when the stage stops
     * are drained into `returnedItems` (returnedQueued). Counters that change per item live in the
     * Worker and its ErrorPolicyRunner (one writer each); the rare ones (returned) are atomics here.
     *
     * Completion. `lastOut` counts live workers; the last to exit closes the output (normally, or
     * with the failure), unless an abort claimed that close first. When the engine is stopping,
     * the last worker out first closes its own input, so nothing can arrive after it drains it.
     * LastOut lives in `dev.patterns.internal` (exported only to the library's modules), public so
     * that the jcstress tests in patterns-stress can drive it; it is not part of the API.
     */

    final Engine engine;
    final String name;
    /** What the stage does to each item. */
    final Operator operator;
    final WorkKind kind;
    final int parallelism;
    final ErrorPolicy policy;
    final Channel<Object> input;
    /** Null for a terminal stage. */
    final Channel<Object> output;
    /** The stage reading {@link #output}, or null (terminal stage, or a pool). Set while wiring. */
    Stage next;
    /** Null when unordered. */
    final Reorderer reorder;
    final int batch;
    final LastOut lastOut;
    final Worker[] workers;
    final ConcurrentLinkedQueue<Object> returnedItems = new ConcurrentLinkedQueue<>();
    final AtomicLong returnedTaken = new AtomicLong();
    final AtomicLong returnedQueued = new AtomicLong();
    private volatile boolean ended;
    private volatile long endNanos;

    Stage(Engine engine, String name, Operator operator, StageOptions options,
          Channel<Object> input, Channel<Object> output) {
        this.engine = engine;
        this.name = name;
        this.operator = operator;
        this.kind = options.kind();
        this.parallelism = options.concurrency();
        this.policy = options.errorPolicy();
        this.input = input;
        this.output = output;
        this.reorder = options.orderWindow() > 0 ? new Reorderer(options.orderWindow(), operator) : null;
        // Batches spread the cost of a hand-off over CPU work; small enough that one worker does
        // not hoard the queue while its peers idle. Blocking (I/O) work takes one item at a time,
        // so that no item waits behind a slow one in a worker's batch while other workers idle.
        this.batch = reorder != null || kind == WorkKind.IO
                ? 1 : Math.max(1, Math.min(64, input.capacity() / (4 * parallelism)));
        this.lastOut = new LastOut(parallelism);
        this.workers = new Worker[parallelism];
        for (int i = 0; i < parallelism; i++) {
            workers[i] = new Worker(this);
        }
    }

    void createThreads(String prefix) {
        for (int i = 0; i < workers.length; i++) {
            String threadName = (prefix.equals(name) ? prefix : prefix + "-" + name) + "-" + i;
            workers[i].thread = kind == WorkKind.IO
                    ? Thread.ofVirtual().name(threadName).unstarted(workers[i])
                    : Thread.ofPlatform().name(threadName).daemon(true).unstarted(workers[i]);
        }
    }

    void startThreads() {
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    void returnTaken(Object item) {
        returnedItems.add(item);
        returnedTaken.incrementAndGet();
    }

    /** Results of this stage that were not sent: items of the next stage, handed back unprocessed. */
    void handOnUnsent(List<?> unsent) {
        next.returnQueued(unsent);
    }

    void returnQueued(List<?> items) {
        returnedItems.addAll(items);
        returnedQueued.addAndGet(items.size());
    }

    /** Moves what waits in the input into the returned items. Safe to call concurrently. */
    void drainQueued() {
        ArrayList<Object> buffer = new ArrayList<>();
        while (input.drainTo(buffer, 1024) > 0) {
            returnQueued(buffer);
            buffer.clear();
        }
    }

    void workerExited() {
        if (lastOut.arrive()) {
            if (engine.stopping()) {
                Throwable failure = engine.failure();
                if (failure != null) {
                    input.fail(failure);
                } else {
                    input.close();
                }
                if (reorder != null) {
                    reorder.drainUnpassed(this::returnTaken);
                }
                drainQueued();
            }
            endNanos = engine.ticker.read();
            ended = true;
            if (lastOut.tryClaim()) {
                closeOutput(engine.failure());
            }
        }
        engine.threadExited();
    }

    /** Adds this stage's worker threads to {@code into}. */
    void addThreads(List<Thread> into) {
        for (Worker w : workers) {
            into.add(w.thread);
        }
    }

    /** Stopping: closes the output unless the last worker out (or another abort) claimed it first. */
    void abortOutput(Throwable failure) {
        if (lastOut.tryClaim()) {
            closeOutput(failure);
        }
    }

    /** Stopping: interrupts every worker but {@code self} (the caller, when a worker stops the pipeline). */
    void interruptWorkers(Thread self) {
        for (Worker w : workers) {
            if (w.thread != self) {
                w.thread.interrupt();
            }
        }
    }

    /** After a stop: moves what waits in the input, then every item handed back, into {@code into}. */
    void collectUnprocessed(List<Object> into) {
        drainQueued();
        for (Object item; (item = returnedItems.poll()) != null; ) {
            into.add(item);
        }
    }

    private void closeOutput(Throwable failure) {
        if (output == null) {
            return;
        }
        if (failure != null) {
            output.fail(failure);
        } else {
            output.close();
        }
    }

    List<String> stuckWorkers() {
        List<String> stuck = new ArrayList<>();
        for (Worker w : workers) {
            if (w.thread.isAlive()) {
                Object item = w.current();
                int batch = w.lastBatch;
                stuck.add(w.thread.getName() + (item == null ? " (holding no item)" : " holding " + item)
                        + (batch > 1 ? " (taken in a batch of " + batch + ")" : ""));
            }
        }
        return stuck;
    }

    StageStats stats() {
        // NOTE: every `taken` is read before any final counter: both only grow and a finished item
        // was taken first, so `inFlight` can be under-, never over-estimated while items move.
        long taken = 0;
        for (Worker w : workers) {
            taken += w.taken();
        }
        long done = 0, emitted = 0, filtered = 0, retried = 0, failed = 0, deadLettered = 0;
        int busy = 0;
        for (Worker w : workers) {
            done += w.done();
            emitted += w.emitted();
            filtered += w.filtered();
            retried += w.policy.retried();
            failed += w.policy.failed();
            deadLettered += w.policy.deadLettered();
            if (w.current() != null) {
                busy++;
            }
        }
        long retTaken = returnedTaken.get();
        long returned = retTaken + returnedQueued.get();
        long inFlight = Math.max(0, taken - (done + filtered + deadLettered + failed + retTaken));
        long end = ended ? endNanos : engine.ticker.read();
        long elapsed = end - engine.startNanos;
        double throughput = elapsed > 0 ? done * 1e9 / elapsed : 0.0;
        return new StageStats(name, kind, parallelism, lastOut.live(), busy, input.size(), input.capacity(),
                taken, inFlight, done, emitted, filtered, retried, failed, deadLettered, returned, throughput);
    }

    boolean ended() {
        return ended;
    }
}
