package dev.patterns.async;

import java.util.concurrent.CompletableFuture;

/**
 * The future one {@link SingleFlight#callAsync} caller gets: its own, so that completing or
 * cancelling it only makes that caller leave the shared {@link Flight}.
 */
final class AsyncWaiter<V> extends FlightFuture<V> {

    private final Flight<?, V> flight;
    /** List links and membership. Guarded by the flight's lock. */
    AsyncWaiter<V> prev;
    AsyncWaiter<V> next;
    boolean linked;

    AsyncWaiter(Flight<?, V> flight, boolean shared) {
        super(shared);
        this.flight = flight;
    }

    /** Completes from the flight's result; bypasses the leave-on-complete overrides. */
    void deliver(V value, Throwable error) {
        if (error == null) {
            super.complete(value);
        } else {
            super.completeExceptionally(error);
        }
    }

    @Override
    public boolean complete(V value) {
        boolean completed = super.complete(value);
        if (completed) {
            flight.detach(this);
        }
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        boolean completed = super.completeExceptionally(ex);
        if (completed) {
            flight.detach(this);
        }
        return completed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            flight.detach(this); // idempotent: only a linked waiter is counted out
        }
        return cancelled;
    }

    /** Dependent stages are plain futures: they are not waiters of the flight. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
