package dev.patterns.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.internal.Checks;
import dev.patterns.time.Deadline;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * The token bucket in its GCRA ("virtual scheduling") form: the whole state is one {@code long},
 * the ticker time at which the bucket is empty.
 *
 * <p>Implementation notes. With {@code I} nanoseconds per token and {@code tau = capacity × I},
 * the bucket at time {@code now} holds {@code min(capacity, (now - emptyAt) / I)} tokens. Taking
 * {@code n} tokens moves {@code emptyAt} to {@code max(emptyAt, now - tau) + n × I}, and is allowed
 * iff that is not after {@code now}. Since {@code emptyAt} only moves forward by {@code n × I} per
 * admitted {@code n} tokens, and never starts more than {@code tau} behind the clock, the tokens
 * admitted in {@code [t0, t1]} are at most {@code capacity + (t1 - t0) / I}: the bound holds by
 * construction, whatever the interleaving, because every admission is a single CAS on that value.
 * A waiting caller moves {@code emptyAt} past {@code now} (a reservation) and sleeps until then.
 * All comparisons are differences, so a ticker that wraps past {@code Long.MAX_VALUE} is fine.
 */
final class GcraTokenBucket implements TokenBucket {

    private static final VarHandle EMPTY_AT;
    /** Longest busy-wait between two failed CAS attempts, in {@link Thread#onSpinWait()} calls. */
    private static final int MAX_SPINS = 64;

    static {
        try {
            EMPTY_AT = MethodHandles.lookup().findVarHandle(GcraTokenBucket.class, "emptyAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final long capacity;
    private final long interval;
    private final long tau;
    private final Ticker ticker;
    private final Sleeper sleeper;
    /** Requests refused (by every form). */
    private final LongAdder rejected = new LongAdder();
    /**
     * Ticker time before which no rejection event is recorded. Racy on purpose: two threads may
     * both record one, which only costs an extra event.
     */
    private volatile long rejectEventGate;
    /** Ticker time at which the bucket is empty; changed only by CAS through {@link #EMPTY_AT}. */
    private volatile long emptyAt;

    GcraTokenBucket(String name, long capacity, long interval, boolean startFull, Ticker ticker, Sleeper sleeper) {
        this.name = name;
        this.capacity = capacity;
        this.interval = interval;
        this.tau = capacity * interval;
        this.ticker = ticker;
        this.sleeper = sleeper;
        long now = ticker.read();
        this.emptyAt = startFull ? now - tau : now;
        this.rejectEventGate = now;
    }

    private long cost(long permits) {
        Checks.atLeast("permits", permits, 1);
        if (permits > capacity) {
            throw new IllegalArgumentException("permits: " + permits + " (expected: <= capacity " + capacity
                    + "; more can never be available at once)");
        }
        return permits * interval;
    }

    /** The point from which a new admission is scheduled: {@code max(emptyAt, now - tau)}. */
    private long base(long empty, long now) {
        long full = now - tau;
        return empty - full < 0 ? full : empty;
    }

    @Override
    public boolean tryAcquire() {
        return tryAcquire(1L);
    }

    @Override
    public boolean tryAcquire(long permits) {
        long cost = cost(permits);
        long now = ticker.read();
        for (int spins = 1; ; spins = Math.min(spins << 1, MAX_SPINS)) {
            long empty = emptyAt;
            long next = base(empty, now) + cost;
            if (next - now > 0) {
                reject(permits, now);
                return false;
            }
            // NOTE: a stale 'now' after a failed CAS only makes the check stricter, never looser.
            if (EMPTY_AT.compareAndSet(this, empty, next)) {
                return true;
            }
            // Another caller won: back off briefly (without parking) so the line is not fought over.
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public boolean tryAcquire(long permits, Duration timeout) throws InterruptedException {
        long cost = cost(permits);
        long maxWait = Math.max(0L, Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout")));
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return reserveAndWait(cost, maxWait);
    }

    @Override
    public void acquire(long permits) throws InterruptedException {
        long cost = cost(permits);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        reserveAndWait(cost, Long.MAX_VALUE);
    }

    private void reject(long permits, long now) {
        rejected.increment();
        if (now - rejectEventGate >= 0
                && TokenBucketRejectedEvent.emit(name, permits, capacity, rejected.sum())) {
            rejectEventGate = now + TokenBucketRejectedEvent.GAP_NANOS;
        }
    }

    /** Reserves {@code cost} if the wait is at most {@code maxWait}, then waits for it. */
    private boolean reserveAndWait(long cost, long maxWait) throws InterruptedException {
        long now = ticker.read();
        long next;
        for (;;) {
            long empty = emptyAt;
            next = base(empty, now) + cost;
            if (next - now > maxWait) {
                reject(cost / interval, now);
                return false;
            }
            if (EMPTY_AT.compareAndSet(this, empty, next)) {
                break;
            }
        }
        long wait = next - now;
        if (wait > 0) {
            TokenBucketWaitEvent event = new TokenBucketWaitEvent();
            event.begin();
            try {
                sleeper.sleepNanos(wait);
            } catch (InterruptedException interrupted) {
                // Give the reservation back if nobody reserved after us; otherwise it stays unused.
                EMPTY_AT.compareAndSet(this, next, next - cost);
                throw interrupted;
            } finally {
                event.end();
                if (event.shouldCommit()) {
                    event.bucket = name;
                    event.permits = cost / interval;
                    event.commit();
                }
            }
        }
        return true;
    }

    @Override
    public long estimateWaitNanos(long permits) {
        long cost = cost(permits);
        long now = ticker.read();
        return Math.max(0L, base(emptyAt, now) + cost - now);
    }

    @Override
    public long availableTokens() {
        long now = ticker.read();
        long empty = emptyAt;
        if (empty - (now - tau) <= 0) {
            return capacity;
        }
        return Math.max(0L, (now - empty) / interval);
    }

    @Override
    public TokenBucketStats stats() {
        return new TokenBucketStats(name, capacity, availableTokens(), rejected.sum());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long nanosPerToken() {
        return interval;
    }

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        if (!tryAcquire(1L)) {
            throw new CallRejectedException(CallRejectedException.Reason.RATE_LIMITED,
                    "token bucket is empty: next token in " + estimateWaitNanos(1L) + "ns");
        }
        return callable.call();
    }

    @Override
    public String toString() {
        return "TokenBucket[" + name + ", capacity=" + capacity + ", nanosPerToken=" + interval + ", available="
                + availableTokens() + "]";
    }
}
