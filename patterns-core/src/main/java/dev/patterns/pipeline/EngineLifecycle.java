package dev.patterns.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * The life-cycle methods {@link Pipeline} and {@link WorkerPool} share, delegated to their
 * {@link Engine}: name, graceful and abrupt shutdown, waiting for and asking about termination.
 *
 * @param <U> the type of the unprocessed items {@code shutdownNow} returns
 */
abstract sealed class EngineLifecycle<U> permits PipelineImpl, WorkerPoolImpl {

    /** How long {@code shutdownNow()} waits for the threads to end. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    final Engine engine;

    EngineLifecycle(Engine engine) {
        this.engine = engine;
    }

    public String name() {
        return engine.name;
    }

    public void shutdown() {
        engine.shutdown();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return engine.awaitTermination(timeout);
    }

    public boolean isTerminated() {
        return engine.isTerminated();
    }

    public List<U> shutdownNow() {
        return shutdownNow(DEFAULT_GRACE).unprocessed();
    }

    @SuppressWarnings("unchecked")
    public ShutdownReport<U> shutdownNow(Duration grace) {
        // The engine hands back exactly the items its callers sent, which are Us.
        return (ShutdownReport<U>) (ShutdownReport<?>) engine.shutdownNow(grace);
    }

    /** Graceful shutdown, then waits for every thread to end; interrupted, stops now. */
    public void close() {
        engine.shutdown();
        try {
            engine.awaitTermination();
        } catch (InterruptedException e) {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Every thread started, for tests that check none outlives the component. */
    List<Thread> threads() {
        return engine.threads();
    }

    /** "Pipeline" or "WorkerPool", for {@link #toString()}. */
    abstract String kind();

    @Override
    public String toString() {
        return kind() + "[" + engine.name + ", " + engine.runState() + "]";
    }
}
