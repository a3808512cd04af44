package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker of a {@link Stage}: takes items, applies the stage's function under its error policy,
 * and passes results on. Its counters have one writer (this worker) and are read by stats.
 */
final class Worker implements Runnable {

    /** Returned by {@link #attempt(Object)} when the item was already settled (not a result). */
    static final Object SETTLED = new Object();

    private static final VarHandle TAKEN;
    private static final VarHandle DONE;
    private static final VarHandle EMITTED;
    private static final VarHandle FILTERED;
    private static final VarHandle RETRIED;
    private static final VarHandle FAILED;
    private static final VarHandle DEAD_LETTERED;
    private static final VarHandle CURRENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAKEN = l.findVarHandle(Worker.class, "taken", long.class);
            DONE = l.findVarHandle(Worker.class, "done", long.class);
            EMITTED = l.findVarHandle(Worker.class, "emitted", long.class);
            FILTERED = l.findVarHandle(Worker.class, "filtered", long.class);
            RETRIED = l.findVarHandle(Worker.class, "retried", long.class);
            FAILED = l.findVarHandle(Worker.class, "failed", long.class);
            DEAD_LETTERED = l.findVarHandle(Worker.class, "deadLettered", long.class);
            CURRENT = l.findVarHandle(Worker.class, "current", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Stage stage;
    /** Set once before the thread starts. */
    Thread thread;
    /**
     * The item being processed, for stats and stuck-worker reports; null when idle. Written by
     * this worker with release (twice per item: no full fence on the hot path), read with acquire.
     */
    private Object current;

    // NOTE: single-writer counters: the owner stores with release, readers load with acquire, so
    // an increment costs a plain store (no CAS, no fence on x86) and a snapshot is a few loads.
    private long taken;
    private long done;
    private long emitted;
    private long filtered;
    private long retried;
    private long failed;
    private long deadLettered;

    /** Items taken in one go; owned by this worker. */
    private final ArrayList<Object> batch;
    /** Index in {@link #batch} of the next unsettled item. */
    private int pos;
    /** Size of the batch last taken, for stuck-worker reports; written once per batch. */
    volatile int lastBatch;

    Worker(Stage stage) {
        this.stage = stage;
        this.batch = new ArrayList<>(stage.batch);
    }

    @Override
    public void run() {
        try {
            if (stage.reorder == null) {
                runUnordered();
            } else {
                runOrdered();
            }
        } finally {
            // Only a VirtualMachineError leaves items here; they are handed back, not lost.
            for (int i = pos; i < batch.size(); i++) {
                stage.returnTaken(batch.get(i));
            }
            batch.clear();
            CURRENT.setRelease(this, (Object) null);
            stage.workerExited();
        }
    }

    private void runUnordered() {
        Channel<Object> in = stage.input;
        Engine engine = stage.engine;
        ArrayList<Object> b = batch;
        while (!engine.stopping()) {
            pos = 0;
            int n = in.drainTo(b, stage.batch);
            if (n == 0) {
                try {
                    b.add(in.receive());
                } catch (ChannelClosedException endOfStream) {
                    return;
                } catch (InterruptedException e) {
                    // Interrupts of pool threads are the pool's signal: the loop re-checks stopping.
                    continue;
                }
                n = 1;
            }
            TAKEN.setRelease(this, taken + n);
            if (n != lastBatch) {
                lastBatch = n;
            }
            while (pos < n && !engine.stopping()) {
                process(b.get(pos++));
            }
            for (; pos < n; pos++) {
                stage.returnTaken(b.get(pos));
            }
            b.clear();
        }
    }

    private void runOrdered() {
        Channel<Object> in = stage.input;
        Engine engine = stage.engine;
        Reorderer r = stage.reorder;
        while (!engine.stopping()) {
            try {
                r.window.acquire();
            } catch (InterruptedException e) {
                continue;
            }
            Object item;
            long seq;
            try {
                r.takeLock.lockInterruptibly();
            } catch (InterruptedException e) {
                r.window.release();
                continue;
            }
            try {
                item = in.receive();
                seq = r.nextSeq++;
            } catch (ChannelClosedException endOfStream) {
                r.window.release();
                return;
            } catch (InterruptedException e) {
                r.window.release();
                continue;
            } finally {
                r.takeLock.unlock();
            }
            TAKEN.setRelease(this, taken + 1);
            if (engine.stopping()) {
                stage.returnTaken(item);
                return;
            }
            CURRENT.setRelease(this, item);
            try {
                r.complete(this, seq, item, attempt(item));
            } finally {
                CURRENT.setRelease(this, (Object) null);
            }
        }
    }

    private void process(Object item) {
        CURRENT.setRelease(this, item);
        try {
            Object result = attempt(item);
            if (result != SETTLED) {
                emit(item, result);
            }
        } finally {
            CURRENT.setRelease(this, (Object) null);
        }
    }

    /**
     * Applies the function under the error policy.
     *
     * @return the result, or {@link #SETTLED} if the item was dead-lettered, failed or returned
     */
    Object attempt(Object item) {
        Engine engine = stage.engine;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return apply(item, attempts);
            } catch (VirtualMachineError fatal) {
                FAILED.setRelease(this, failed + 1);
                StageFailureEvent.emit(engine.name, stage.name, fatal, attempts, "failed-pipeline");
                engine.fail(stage.name, fatal);
                throw fatal;
            } catch (Throwable error) {
                if (engine.stopping()) {
                    // Most likely the interrupt of shutdownNow: the item goes back to the caller.
                    stage.returnTaken(item);
                    return SETTLED;
                }
                ErrorPolicy policy = stage.policy;
                if (policy instanceof ErrorPolicy.Retry retry) {
                    if (attempts < retry.maxAttempts()) {
                        RETRIED.setRelease(this, retried + 1);
                        if (!backoff(retry, attempts)) {
                            stage.returnTaken(item);
                            return SETTLED;
                        }
                        continue;
                    }
                    policy = retry.whenExhausted();
                }
                if (policy instanceof ErrorPolicy.DeadLetters dl) {
                    StageFailureEvent.emit(engine.name, stage.name, error, attempts, "dead-lettered");
                    deadLetter(dl, item, error, attempts);
                } else {
                    FAILED.setRelease(this, failed + 1);
                    StageFailureEvent.emit(engine.name, stage.name, error, attempts, "failed-pipeline");
                    engine.fail(stage.name, error);
                }
                return SETTLED;
            }
        }
    }

    /** Runs the stage's function; timed as a JFR event only when a recording enabled it. */
    private Object apply(Object item, int attempt) throws Exception {
        StageItemEvent event = new StageItemEvent();
        if (!event.isEnabled()) {
            return stage.compute.apply(item);
        }
        event.begin();
        boolean succeeded = false;
        try {
            Object result = stage.compute.apply(item);
            succeeded = true;
            return result;
        } finally {
            event.end();
            if (event.shouldCommit()) {
                event.pipeline = stage.engine.name;
                event.stage = stage.name;
                event.attempt = attempt;
                event.succeeded = succeeded;
                event.commit();
            }
        }
    }

    private void deadLetter(ErrorPolicy.DeadLetters dl, Object item, Throwable error, int attempts) {
        try {
            dl.sink().accept(new DeadLetter(stage.name, dl.sinkName(), item, error, attempts));
            DEAD_LETTERED.setRelease(this, deadLettered + 1);
        } catch (VirtualMachineError fatal) {
            FAILED.setRelease(this, failed + 1);
            stage.engine.fail(stage.name, fatal);
            throw fatal;
        } catch (Throwable sinkError) {
            // A sink that cannot take the item must not lose it silently: fail fast with both errors.
            sinkError.addSuppressed(error);
            FAILED.setRelease(this, failed + 1);
            stage.engine.fail(stage.name, sinkError);
        }
    }

    /** Waits before a retry; false if interrupted because the engine is stopping. */
    private boolean backoff(ErrorPolicy.Retry retry, int attempt) {
        try {
            retry.sleeper().sleepNanos(retry.backoffNanos(attempt));
            return true;
        } catch (InterruptedException e) {
            return !stage.engine.stopping();
        }
    }

    /** Passes a result on and settles its item. */
    void emit(Object item, Object result) {
        switch (stage.op) {
            case CONSUME -> DONE.setRelease(this, done + 1);
            case FLAT_MAP -> emitAll(item, (List<?>) result);
            default -> {
                if (result == null) {
                    FILTERED.setRelease(this, filtered + 1);
                } else if (send(result)) {
                    EMITTED.setRelease(this, emitted + 1);
                    DONE.setRelease(this, done + 1);
                } else {
                    stage.returnTaken(item);
                }
            }
        }
    }

    private void emitAll(Object item, List<?> results) {
        int size = results.size();
        if (size == 0) {
            FILTERED.setRelease(this, filtered + 1);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (!send(results.get(i))) {
                if (i == 0) {
                    stage.returnTaken(item);
                } else {
                    // Part of the item went on: the rest are items of the next stage now.
                    EMITTED.setRelease(this, emitted + size);
                    DONE.setRelease(this, done + 1);
                    stage.next.returnQueued(results.subList(i, size));
                }
                return;
            }
        }
        EMITTED.setRelease(this, emitted + size);
        DONE.setRelease(this, done + 1);
    }

    /** Sends to the output, waiting for space; false if the engine is stopping or the output closed. */
    private boolean send(Object result) {
        Engine engine = stage.engine;
        while (!engine.stopping()) {
            try {
                stage.output.send(result);
                return true;
            } catch (InterruptedException e) {
                // re-check stopping
            } catch (ChannelClosedException closed) {
                return false;
            }
        }
        return false;
    }

    Object current() {
        return CURRENT.getAcquire(this);
    }

    long taken() {
        return (long) TAKEN.getAcquire(this);
    }

    long done() {
        return (long) DONE.getAcquire(this);
    }

    long emitted() {
        return (long) EMITTED.getAcquire(this);
    }

    long filtered() {
        return (long) FILTERED.getAcquire(this);
    }

    long retried() {
        return (long) RETRIED.getAcquire(this);
    }

    long failed() {
        return (long) FAILED.getAcquire(this);
    }

    long deadLettered() {
        return (long) DEAD_LETTERED.getAcquire(this);
    }
}
