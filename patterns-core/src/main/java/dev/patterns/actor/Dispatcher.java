package dev.patterns.actor;

/** Runs actor turns on threads it starts, and can tell when every one of them has ended. */
interface Dispatcher {

    /** Runs one turn of an actor on some thread of this dispatcher. */
    void execute(Runnable turn);

    /** No more turns will be submitted: let idle threads end. Idempotent. */
    void shutdown();

    /**
     * Waits until every thread this dispatcher started has ended ({@link Thread#join()}); only
     * meaningful after {@link #shutdown()} and after the last turn ended.
     *
     * @param deadlineNanos the {@link System#nanoTime()} reading to give up at: joining a thread is
     *     a real wait, so it is measured by the real clock, never by the system's ticker
     * @return whether all ended before the deadline
     */
    boolean awaitThreads(long deadlineNanos) throws InterruptedException;

    /** Whether {@code thread} is one this dispatcher started. */
    boolean started(Thread thread);
}
