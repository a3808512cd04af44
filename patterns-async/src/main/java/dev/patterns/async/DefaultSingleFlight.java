package dev.patterns.async;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.time.Deadline;

/** The {@link SingleFlight} built by {@link SingleFlightBuilder}. */
final class DefaultSingleFlight<K, V> implements SingleFlight<K, V> {

    /*
     * Implementation notes.
     *
     * One Flight per key in flight, in a ConcurrentHashMap. The hit path is map.get + a CAS on the
     * flight's waiter count: no lock, no allocation. The miss path allocates the Flight and
     * publishes it with putIfAbsent; losing that race means joining the winner.
     *
     * The waiter count is what makes "a waiter that leaves does not cancel the others" hold: only
     * when it drops to 0 by leaving, and cancelWhenAbandoned is set, does the flight CAS it to -1
     * (abandoned: no one may join again), unmap itself and interrupt its runner. A joiner that
     * finds -1 removes the dead mapping and starts a fresh flight.
     *
     * Async waiters (callAsync) each get their own future, an AsyncWaiter, pushed on the flight's
     * Treiber stack (one CAS on Flight.head); finish() takes the whole stack with one getAndSet to
     * a DONE sentinel, after which attach delivers directly. No lock: a ReentrantLock here (attach
     * and detach each took it) cost ~730 ns per join-and-leave at 2 threads, its contended lock()
     * allocating a queue node and parking.
     *
     * Delivered or left, exactly once: both are a completion of the waiter's own future (one CAS
     * on its result). finish() completes through deliver(); the caller through complete,
     * completeExceptionally, cancel (or orTimeout, completeOnTimeout, completeAsync, which go
     * through those). Whichever wins, the other fails; only a winning caller completion runs
     * Flight.detach, which counts the waiter out (leave()) once. So a waiter finish() delivered to
     * is never counted out, and one that left is never delivered to. In the stack, a done waiter
     * is a left one (a delivered waiter is only ever in a list finish() has taken).
     *
     * Unlinking a waiter that left: detach pops done waiters off the top of the stack by CAS on
     * head (the common case: a caller that joins then leaves is usually on top). One that is
     * below a live waiter stays linked, and detach adds one to an estimate of such garbage; when
     * it exceeds max(64, waiter count), the detacher that wins the SWEEPING flag walks the stack
     * and splices done waiters out (cur.next = next.next), then subtracts the estimate it read
     * before it started. Garbage stays proportional to the live waiters; the sweep is O(stack)
     * per max(64, live) leaves, O(1) amortised.
     *
     * Why the sweep is safe beside everything else:
     * - Pushers write only head, and the next of a node not yet published. Poppers write only
     *   head, from a done node to its next. finish() replaces head with DONE (terminal: every
     *   CAS on head expects a real node) and then walks the list it took, reading each next once.
     * - The sweeper is the only writer of a published node's next (finish() also nulls the next
     *   of nodes it has already walked past). With one sweeper, cur.next and next.next cannot
     *   change between its read and its write, so a splice removes exactly one done node.
     * - Invariant: every live (not done) waiter pushed before DONE is reachable from head. A push
     *   links the old head below the new node; a pop and a splice only skip a done node, and done
     *   is final; a node spliced or popped out keeps its next, so a thread that stands on it (a
     *   popper whose CAS installs it as head, the sweeper on a cur that was popped meanwhile)
     *   still reaches everything below. Any value a reader sees in a next field, stale or not,
     *   therefore leads to every live node below it.
     * - A sweep racing finish() can only make finish() skip done nodes (a waiter that left,
     *   which must not be delivered to anyway), or write into a node finish() has already
     *   walked (retaining a little garbage until the futures are dropped). The sweeper also
     *   stops as soon as it sees DONE.
     * - The estimate is only a trigger: it overcounts when another detacher popped the node
     *   (reset by the next sweep, which subtracts what it read), and may undercount a done node
     *   a popper put back on top during a sweep; the next sweep unlinks every done node it finds,
     *   counted or not, so garbage stays bounded. Every node counted before the sweep read the
     *   estimate was pushed before it read head, so it is below that head or already gone.
     *
     * Rejected: handing callers the shared CompletableFuture (Caffeine's AsyncCache, the
     * computeIfAbsent idiom): one caller's cancel() completes it for everyone. Running the loader
     * in the first caller's thread (Go's Do): that caller's interrupt would fail the execution for
     * all; kept only as an opt-in (a direct executor).
     */

    /** Keys with an execution in flight. */
    final ConcurrentHashMap<K, Flight<K, V>> flights = new ConcurrentHashMap<>();
    final String name;
    final Executor executor;
    final boolean cancelWhenAbandoned;

    // NOTE: LongAdder, not AtomicLong: the hit path is run by every caller of a hot key at once,
    // and an adder's cells keep them off one contended word; it allocates only when a cell is
    // first made (contention), never per call.
    /** Executions started. */
    private final LongAdder executions = new LongAdder();
    /** Calls that joined an execution in flight. */
    private final LongAdder shared = new LongAdder();
    /** Executions that failed (loader threw, returned null, or was rejected). Updated by Flight. */
    final LongAdder failures = new LongAdder();
    /** Waiters that left before the value. Updated by Flight. */
    final LongAdder waitersLeft = new LongAdder();
    /** Executions cancelled because every waiter left. Updated by Flight. */
    final LongAdder abandoned = new LongAdder();

    DefaultSingleFlight(String name, Executor executor, boolean cancelWhenAbandoned) {
        this.name = name;
        this.executor = executor;
        this.cancelWhenAbandoned = cancelWhenAbandoned;
    }

    @Override
    public V call(K key, Loader<? super K, ? extends V> loader) throws InterruptedException, ExecutionException {
        Flight<K, V> flight = acquire(key, loader);
        try {
            return flight.promise.get();
        } catch (InterruptedException e) {
            flight.leave();
            throw e;
        }
    }

    @Override
    public V call(K key, Loader<? super K, ? extends V> loader, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        long nanos = Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        if (nanos <= 0) {
            // zero or negative: do not wait, so start nothing that only a wait could return
            throw timedOut(key, nanos);
        }
        Flight<K, V> flight = acquire(key, loader);
        try {
            return flight.promise.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            flight.leave();
            throw timedOut(key, nanos);
        } catch (InterruptedException e) {
            flight.leave();
            throw e;
        }
    }

    private static TimeoutException timedOut(Object key, long nanos) {
        long waited = Math.max(0L, nanos);
        String after = waited % 1_000_000 == 0 || waited >= 1_000_000_000L
                ? TimeUnit.NANOSECONDS.toMillis(waited) + " ms" : waited + " ns";
        return new TimeoutException("single-flight call for key '" + key + "' timed out after " + after);
    }

    @Override
    public Shared<V> callShared(K key, Loader<? super K, ? extends V> loader)
            throws InterruptedException, ExecutionException {
        Joined<K, V> joined = joinOrStart(key, loader, Joined::new);
        try {
            return new Shared<>(joined.flight().promise.get(), joined.shared());
        } catch (InterruptedException e) {
            joined.flight().leave();
            throw e;
        }
    }

    @Override
    public FlightFuture<V> callAsync(K key, Loader<? super K, ? extends V> loader) {
        return joinOrStart(key, loader, (flight, isShared) -> {
            AsyncWaiter<V> waiter = new AsyncWaiter<>(flight, isShared);
            flight.attach(waiter);
            return waiter;
        });
    }

    @Override
    public boolean forget(K key) {
        Objects.requireNonNull(key, "key");
        return flights.remove(key) != null;
    }

    @Override
    public int inFlight() {
        return flights.size();
    }

    @Override
    public SingleFlightStats stats() {
        long started = executions.sum();
        long joined = shared.sum();
        return new SingleFlightStats(started, started + joined, joined, failures.sum(), waitersLeft.sum(), abandoned.sum(),
                flights.size());
    }

    /** Returns the flight for {@code key}, joined (counted as a waiter) or freshly started. */
    private Flight<K, V> acquire(K key, Loader<? super K, ? extends V> loader) {
        return joinOrStart(key, loader, (flight, isShared) -> flight);
    }

    /** What a caller makes of the flight it joined or started; {@code shared}: it joined. */
    @FunctionalInterface
    private interface Then<K, V, R> {
        R apply(Flight<K, V> flight, boolean shared);
    }

    /** A flight and whether the caller joined it (rather than started it). */
    private record Joined<K, V>(Flight<K, V> flight, boolean shared) {
    }

    /**
     * The join-or-start sequence, the one place it is written: joins the flight in flight for
     * {@code key} (counted as a waiter), or starts a fresh one, and hands it to {@code then}.
     * NOTE: the callers pass non-capturing lambdas (constants), so this method allocates nothing
     * on the hit path; what {@code then} returns is the caller's: {@code call} returns the flight
     * itself, {@code callAsync} its waiter, {@code callShared} a {@link Joined} record (one small
     * object besides the {@code Shared} it returns, unless escape analysis removes it once this
     * method is inlined there).
     */
    private <R> R joinOrStart(K key, Loader<? super K, ? extends V> loader, Then<K, V, R> then) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        Flight<K, V> flight = tryJoin(key);
        if (flight != null) {
            return then.apply(flight, true);
        }
        Flight<K, V> fresh = new Flight<>(this, key, loader);
        flight = startOrJoin(key, fresh);
        return then.apply(flight, flight != fresh);
    }

    /** The hit path: joins the flight in flight for {@code key}, or returns null. */
    private Flight<K, V> tryJoin(K key) {
        Flight<K, V> flight = flights.get(key);
        if (flight != null && flight.tryJoin()) {
            shared.increment();
            return flight;
        }
        return null;
    }

    /** The miss path: publishes {@code fresh} and starts it, or joins the flight that won. */
    private Flight<K, V> startOrJoin(K key, Flight<K, V> fresh) {
        for (;;) {
            Flight<K, V> existing = flights.putIfAbsent(key, fresh);
            if (existing == null) {
                executions.increment();
                fresh.launch();
                return fresh;
            }
            if (existing.tryJoin()) {
                shared.increment();
                return existing;
            }
            flights.remove(key, existing); // abandoned: clear it and retry
        }
    }

    /** Test support: the waiter count of the flight for {@code key}, or 0 if none. */
    int waiters(K key) {
        Flight<K, V> flight = flights.get(key);
        return flight == null ? 0 : flight.waiters();
    }

    /** Test support: async waiters linked in the flight for {@code key}, left ones included. */
    int linked(K key) {
        Flight<K, V> flight = flights.get(key);
        return flight == null ? 0 : flight.linked();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "SingleFlight[" + name + ", inFlight=" + flights.size() + ", cancelWhenAbandoned=" + cancelWhenAbandoned + "]";
    }
}
