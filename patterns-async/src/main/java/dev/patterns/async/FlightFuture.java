package dev.patterns.async;

import java.util.concurrent.CompletableFuture;

/**
 * The future one {@link SingleFlight#callAsync} caller gets: its own (completing or cancelling it
 * makes only this caller leave the shared execution), and able to say whether this caller shared
 * an execution another caller had started.
 *
 * <p>Dependent stages ({@code thenApply} and the like) are plain {@link CompletableFuture}s, not
 * waiters of the execution: cancelling one of them does not make this caller leave.
 *
 * <p>Thread-safe, like every {@code CompletableFuture}. {@link #shared()} is fixed before the
 * future is returned and may be read from any thread.
 *
 * @param <V> the value type
 */
public abstract sealed class FlightFuture<V> extends CompletableFuture<V> permits AsyncWaiter {

    /*
     * Why a subclass rather than a callSharedAsync returning CompletableFuture<Shared<V>>: the
     * future is already allocated per caller (it is what isolates one caller's cancel from the
     * others), so the flag costs a field instead of a Shared record and a second future per call,
     * and callAsync's callers keep a CompletableFuture<V>.
     */

    private final boolean shared;

    FlightFuture(boolean shared) {
        this.shared = shared;
    }

    /**
     * Returns whether this caller joined an execution that another caller had started (and was
     * still in flight), rather than starting one.
     *
     * @return {@code true} if this caller shared another caller's execution
     */
    public boolean shared() {
        return shared;
    }
}
