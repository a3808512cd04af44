package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker of a {@link Stage}: the loop that takes items from the stage's input, applies the
 * stage's {@link Operator} under its {@link ErrorPolicyRunner error policy}, and has the operator
 * emit the result — at once, or in input order through the stage's {@link Reorderer}. It is the
 * operator's {@link Operator.Downstream}: it sends to the output and counts how items were settled.
 * Its counters have one writer (this worker) and are read by stats.
 */
final class Worker implements Runnable, Operator.Downstream {

    private static final VarHandle TAKEN;
    private static final VarHandle DONE;
    private static final VarHandle EMITTED;
    private static final VarHandle FILTERED;
    private static final VarHandle CURRENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAKEN = l.findVarHandle(Worker.class, "taken", long.class);
            DONE = l.findVarHandle(Worker.class, "done", long.class);
            EMITTED = l.findVarHandle(Worker.class, "emitted", long.class);
            FILTERED = l.findVarHandle(Worker.class, "filtered", long.class);
            CURRENT = l.findVarHandle(Worker.class, "current", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Stage stage;
    private final Operator operator;
    /** Runs the operator under the stage's error policy; holds the retried/failed/dead-lettered counts. */
    final ErrorPolicyRunner policy;
    /** Set once before the thread starts. */
    Thread thread;
    /**
     * The item being processed, for stats and stuck-worker reports; null when idle. Written by
     * this worker with release (twice per item: no full fence on the hot path), read with acquire.
     */
    private Object current;

    // NOTE: single-writer counters: the owner stores with release, readers load with acquire, so
    // an increment costs a plain store (no CAS, no fence on x86) and a snapshot is a few loads.
    // Under ordering a worker also emits results of items its peers took, and counts them here.
    private long taken;
    private long done;
    private long emitted;
    private long filtered;

    /** The item an ordered stage's worker took, and its number; owned by this worker. */
    private final Reorderer.Ticket ticket = new Reorderer.Ticket();
    /** Items taken in one go; owned by this worker. */
    private final ArrayList<Object> batch;
    /** Index in {@link #batch} of the next unsettled item. */
    private int pos;
    /** Size of the batch last taken, for stuck-worker reports; written once per batch. */
    volatile int lastBatch;

    Worker(Stage stage) {
        this.stage = stage;
        this.operator = stage.operator;
        this.policy = new ErrorPolicyRunner(stage);
        this.batch = new ArrayList<>(stage.batch);
    }

    @Override
    public void run() {
        try {
            if (stage.reorder == null) {
                runUnordered();
            } else {
                runOrdered(stage.reorder);
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

    private void process(Object item) {
        CURRENT.setRelease(this, item);
        try {
            if (policy.apply(item)) {
                operator.emit(item, policy.takeResult(), this);
            }
        } finally {
            CURRENT.setRelease(this, (Object) null);
        }
    }

    private void runOrdered(Reorderer reorder) {
        Channel<Object> in = stage.input;
        Engine engine = stage.engine;
        Reorderer.Ticket next = ticket;
        while (!engine.stopping()) {
            try {
                if (!reorder.take(in, next)) {
                    return;
                }
            } catch (InterruptedException e) {
                continue;
            }
            Object item = next.item;
            long seq = next.seq;
            next.item = null;
            TAKEN.setRelease(this, taken + 1);
            if (engine.stopping()) {
                stage.returnTaken(item);
                // NOTE: release its number too: left unreported, it would hold the window and
                // strand every later result behind it in the reorderer.
                reorder.skip(seq, this);
                return;
            }
            CURRENT.setRelease(this, item);
            try {
                if (policy.apply(item)) {
                    reorder.complete(seq, item, policy.takeResult(), this);
                } else {
                    reorder.skip(seq, this);
                }
            } finally {
                CURRENT.setRelease(this, (Object) null);
            }
        }
    }

    @Override
    public boolean send(Object result) {
        Engine engine = stage.engine;
        Channel<Object> out = stage.output;
        while (!engine.stopping()) {
            try {
                out.send(result);
                return true;
            } catch (InterruptedException e) {
                // re-check stopping
            } catch (ChannelClosedException closed) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void passedOn(int results) {
        EMITTED.setRelease(this, emitted + results);
        DONE.setRelease(this, done + 1);
    }

    @Override
    public void delivered() {
        DONE.setRelease(this, done + 1);
    }

    @Override
    public void filteredOut() {
        FILTERED.setRelease(this, filtered + 1);
    }

    @Override
    public void handBack(Object item) {
        stage.returnTaken(item);
    }

    @Override
    public void handOnUnsent(List<?> unsent) {
        stage.handOnUnsent(unsent);
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
}
