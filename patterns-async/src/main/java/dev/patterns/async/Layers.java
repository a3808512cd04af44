package dev.patterns.async;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.internal.Checks;

/** Factories behind {@link ExecutionLayer}'s static methods. */
final class Layers {

    /** Numbers layers of the same name, so that their threads' names differ. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Layers() {}

    static ExecutionLayer io(String name, int concurrency) {
        Checks.atLeast("concurrency", concurrency, 1);
        String full = name + "-" + SEQUENCE.incrementAndGet();
        LayerThreads threads = new LayerThreads(Thread.ofVirtual().name(full + "-", 0).factory());
        ExecutorService delegate = Executors.newThreadPerTaskExecutor(threads);
        return new BoundedLayer(full, delegate, threads, concurrency);
    }

    static ExecutionLayer platform(String name, int threads, int queueCapacity) {
        Checks.atLeast("concurrency", threads, 1);
        Checks.atLeast("capacity", queueCapacity, 0);
        String full = name + "-" + SEQUENCE.incrementAndGet();
        long capacity = (long) threads + queueCapacity;
        int permits = (int) Math.min(Integer.MAX_VALUE, capacity);
        // NOTE: the permits bound what is accepted; the queue is sized to hold every accepted task
        // so that it never rejects (a finishing task releases its permit a moment before its
        // worker takes the next task, so queued tasks can briefly exceed queueCapacity).
        LayerThreads made = new LayerThreads(Thread.ofPlatform().name(full + "-", 0).factory());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(permits), made);
        return new BoundedLayer(full, pool, made, permits);
    }
}
