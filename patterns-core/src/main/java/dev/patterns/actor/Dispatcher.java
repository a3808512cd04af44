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
     * @param timeoutNanos how long to wait in all
     * @param ticker the clock the deadline is read from
     * @return whether all ended before the deadline
     */
    boolean awaitThreads(long timeoutNanos, dev.patterns.time.Ticker ticker) throws InterruptedException;
}
