package dev.patterns.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Executors that start a new thread for each task: the library's default executors. */
public final class ThreadPerTask {

    private ThreadPerTask() {
    }

    /**
     * Returns an executor that runs each task on a new thread from {@code factory}.
     *
     * @param factory the thread factory
     * @return the executor
     * @throws NullPointerException if {@code factory} is null
     */
    public static Executor of(ThreadFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return task -> factory.newThread(task).start();
    }

    /**
     * Returns an executor that runs each task on a new virtual thread.
     *
     * @param namePrefix the threads are named this prefix and a counter from 0; null leaves them
     *     unnamed, like {@code Executors.newVirtualThreadPerTaskExecutor()}: a numbered name costs
     *     a {@code String} per task
     * @return the executor
     */
    public static Executor virtual(String namePrefix) {
        return of(namePrefix == null ? Thread.ofVirtual().factory() : Thread.ofVirtual().name(namePrefix, 0).factory());
    }
}
