package dev.patterns.async;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import dev.patterns.time.Ticker;

/** The {@link FanOut} built by {@link FanOutBuilder}: immutable settings, one gathering per start. */
final class DefaultFanOut implements FanOut {

    final Executor executor;
    final int concurrency;
    final Ticker ticker;
    final long graceNanos;
    /** Shared by every gathering of this fan-out (the settings above are immutable). */
    final FanOutCounters counters = new FanOutCounters();

    final String name;

    DefaultFanOut(String name, Executor executor, int concurrency, Ticker ticker, long graceNanos) {
        this.name = name;
        this.executor = executor;
        this.concurrency = concurrency;
        this.ticker = ticker;
        this.graceNanos = graceNanos;
    }

    @Override
    public <T> Gathering<T> start(GatherPolicy policy, List<? extends Callable<? extends T>> tasks) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(tasks, "tasks");
        int n = tasks.size();
        if (n == 0) {
            throw new IllegalArgumentException("tasks: 0 (expected: >= 1)");
        }
        @SuppressWarnings("unchecked")
        Callable<? extends T>[] calls = new Callable[n];
        for (int i = 0; i < n; i++) {
            Callable<? extends T> call = tasks.get(i);
            if (call == null) {
                throw new NullPointerException("tasks[" + i + "]");
            }
            calls[i] = call;
        }
        if (policy instanceof GatherPolicy.Quorum q && q.k() > n) {
            throw new IllegalArgumentException("quorum: " + q.k() + " (expected: <= " + n + " tasks)");
        }
        GatheringImpl<T> gathering = new GatheringImpl<>(this, policy, calls);
        counters.gatheringsStarted.increment();
        gathering.begin();
        return gathering;
    }

    @Override
    public FanOutStats stats() {
        return counters.snapshot();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "FanOut[" + name + ", concurrency=" + concurrency + ", ticker=" + ticker + ", graceNanos=" + graceNanos + "]";
    }
}
