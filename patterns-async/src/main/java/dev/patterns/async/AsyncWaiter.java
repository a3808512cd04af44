package dev.patterns.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The future one {@link SingleFlight#callAsync} caller gets: its own, so that completing or
 * cancelling it only makes that caller leave the shared {@link Flight}.
 *
 * <p>Whether it left or was delivered to is decided by one CAS, the future's own completion: the
 * flight delivers through {@link #deliver} (the base class's complete), the caller completes
 * through the overrides below; whichever wins, the other fails, and only a won caller completion
 * calls {@link Flight#detach} (so the waiter count drops exactly once for a waiter that left, and
 * never for one that was delivered to). In the flight's stack a done waiter counts as left.
 */
final class AsyncWaiter<V> extends FlightFuture<V> {

    /** For {@link #next}: plain and release writes where the notes in Flight say it is safe. */
    static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(AsyncWaiter.class, "next", AsyncWaiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Flight<?, V> flight;
    /** The waiter pushed before this one in the flight's stack; see Flight. */
    volatile AsyncWaiter<V> next;

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
        return leftIf(super.complete(value));
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        return leftIf(super.completeExceptionally(ex));
    }

    /** A completion of this caller's own won: it leaves the flight. Returns {@code won}. */
    private boolean leftIf(boolean won) {
        if (won) {
            flight.detach(this);
        }
        return won;
    }

    /*
     * NOTE: not super.cancel(): it returns true for a future cancelled already (by an earlier
     * cancel, or by the flight delivering its CancellationException when abandoned), so its result
     * cannot tell whether this call won. Same effect as CompletableFuture.cancel (completed with a
     * fresh CancellationException, so isCancelled() is true), and the same return value.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean won = leftIf(!isDone() && super.completeExceptionally(new CancellationException()));
        return won || isCancelled();
    }

    /** Completes through {@link #complete} (so that the caller leaves), unlike the base class. */
    @Override
    public CompletableFuture<V> completeAsync(Supplier<? extends V> supplier, Executor executor) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(executor, "executor");
        executor.execute(() -> {
            if (isDone()) {
                return;
            }
            try {
                complete(supplier.get());
            } catch (Throwable ex) {
                completeExceptionally(ex instanceof CompletionException ? ex : new CompletionException(ex));
            }
        });
        return this;
    }

    /** Dependent stages are plain futures: they are not waiters of the flight. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
