package dev.patterns.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The run state of a task handed to an executor that its owner may cancel by interrupting the
 * thread running it, safely on pooled threads (the {@code FutureTask} technique):
 * <pre>
 *   NEW --tryStart--> RUNNING --endRun-----------> FINISHED
 *                     RUNNING --interruptIfRunning--> INTERRUPTING --> INTERRUPTED
 *   NEW --trySkip---> SKIPPED                       (the task never runs)
 * </pre>
 * The owner interrupts only a thread it saw {@code RUNNING} this task, and the task, before it
 * returns its thread to the executor ({@link #endRun()}), waits out {@code INTERRUPTING} and
 * clears the interrupt it caused, so the interrupt never reaches the executor's next task.
 *
 * <p>A subclass calls {@link #tryStart()} first thing in {@code run()} (and returns at once if it
 * answers false), then {@link #endRun()} once its work is done.
 */
public abstract class InterruptibleRun {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;
    private static final int FINISHED = 4;
    private static final int SKIPPED = 5;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(InterruptibleRun.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** NEW, RUNNING, INTERRUPTING, INTERRUPTED, FINISHED or SKIPPED; changed through STATE. */
    private volatile int state;
    /** The thread running the task; published by the NEW -> RUNNING CAS, cleared by endRun. */
    private Thread runner;

    /** Creates a task in state NEW. */
    protected InterruptibleRun() {
    }

    /**
     * Called by the thread that runs the task: NEW to RUNNING.
     *
     * @return false if the task was skipped before it started: do not run it
     */
    protected final boolean tryStart() {
        runner = Thread.currentThread();
        if (!STATE.compareAndSet(this, NEW, RUNNING)) {
            runner = null;
            return false;
        }
        return true;
    }

    /**
     * Called by the thread that ran the task, when the work is done: RUNNING to FINISHED, or,
     * if the owner interrupted it, waits until the interrupt was delivered and clears it.
     */
    protected final void endRun() {
        if (!STATE.compareAndSet(this, RUNNING, FINISHED)) {
            while (state == INTERRUPTING) {
                Thread.onSpinWait();
            }
            // NOTE: the interrupt came from interruptIfRunning(); clear it so that it does not
            // reach the executor's next task on this thread.
            Thread.interrupted();
        }
        runner = null;
    }

    /**
     * Keeps a task that has not started from ever running: NEW to SKIPPED.
     *
     * @return whether this call skipped it (false: it started already, or was skipped)
     */
    public final boolean trySkip() {
        return STATE.compareAndSet(this, NEW, SKIPPED);
    }

    /**
     * Interrupts the thread running the task, if it is running: RUNNING to INTERRUPTED. A task
     * that has not started, or has finished, is left alone.
     *
     * @return whether this call interrupted it
     */
    public final boolean interruptIfRunning() {
        if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            Thread t = runner;
            if (t != null) {
                t.interrupt();
            }
            state = INTERRUPTED;
            return true;
        }
        return false;
    }
}
