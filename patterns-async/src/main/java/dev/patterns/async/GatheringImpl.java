package dev.patterns.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.patterns.time.Deadline;
import dev.patterns.time.Ticker;

/**
 * One gathering: the slots (one per call or hedge attempt), the completion queue the calls
 * report to, and the owner's loop that decides the policy.
 */
final class GatheringImpl<T> implements Gathering<T> {

    /*
     * Implementation notes.
     *
     * Two locks, two roles. `lock` guards only the completion queue: a finishing call appends its
     * slot index and signals `changed`; that is the only thing call threads ever do here, so they
     * hold it for a few instructions. `turnLock` serializes the owner's steps (join/tryJoin/close);
     * every counter below it is touched only while holding it, so the policy logic is
     * single-threaded and needs no atomics.
     *
     * A call's outcome is decided once, by CAS on Slot.outcome: the call sets it when it returns,
     * the owner forces TimedOut/Cancelled when it settles first. A slot's run state (NEW ->
     * RUNNING -> FINISHED, or RUNNING -> INTERRUPTING -> INTERRUPTED, or NEW -> SKIPPED) makes the
     * interrupt safe on pooled threads: the owner interrupts only a thread it saw RUNNING this
     * slot, and the call, before it returns its thread to the executor, waits out INTERRUPTING and
     * clears the interrupt it caused (the FutureTask technique).
     *
     * Waiting is computed from the ticker (deadline, next hedge, grace end), never from the wall
     * clock, so a FakeTicker drives it; wakeUp() lets a test nudge a waiting owner after advancing.
     *
     * Rejected: a coordinator thread per gathering (costs a thread and makes FakeTicker tests
     * racy); CompletableFuture.anyOf/allOf (no interrupt of the running calls, no quorum).
     */

    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int INTERRUPTING = 2;
    static final int INTERRUPTED = 3;
    static final int FINISHED = 4;
    static final int SKIPPED = 5;

    private static final VarHandle STATE;
    private static final VarHandle OUTCOME;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Slot.class, "state", int.class);
            OUTCOME = l.findVarHandle(Slot.class, "outcome", Outcome.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DefaultFanOut config;
    private final Ticker ticker;
    private final Policy policy;
    private final Callable<? extends T>[] calls;
    private final Slot[] slots;
    private final boolean hedged;
    private final long hedgeDelayNanos;
    private final long startNanos;
    private final Deadline deadline;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Indexes of slots whose call finished, in finishing order. Guarded by lock. */
    private final int[] finishedQueue;
    /** Entries in finishedQueue. Guarded by lock. */
    private int finishedCount;
    /** Set by wakeUp, cleared by the waiting owner. Guarded by lock. */
    private boolean woken;

    private final ReentrantLock turnLock = new ReentrantLock();
    /** Slots started. Written under turnLock; volatile for started(). */
    private volatile int started;
    /** Next non-hedged call to start. Guarded by turnLock. */
    private int nextToStart;
    /** Entries of finishedQueue already processed. Guarded by turnLock. */
    private int processed;
    /** Slots counted finished (reported, or never started and settled). Guarded by turnLock. */
    private int finished;
    /** Started slots that reported finished. Guarded by turnLock. */
    private int finishedStarted;
    /** Guarded by turnLock. */
    private int successes;
    /** Guarded by turnLock. */
    private int failures;
    /** Ticker reading when the last hedge attempt started. Guarded by turnLock. */
    private long lastStartNanos;
    /** Guarded by turnLock. */
    private boolean settled;
    /** Guarded by turnLock; set when settled. */
    private Deadline graceDeadline;
    /** Guarded by turnLock; set once. */
    private Gathered<T> result;

    GatheringImpl(DefaultFanOut config, Policy policy, Callable<? extends T>[] calls) {
        this.config = config;
        this.ticker = config.ticker;
        this.policy = policy;
        this.calls = calls;
        this.hedged = policy instanceof Policy.Hedged;
        int capacity = policy instanceof Policy.Hedged h ? h.maxAttempts() : calls.length;
        this.hedgeDelayNanos = policy instanceof Policy.Hedged h ? Deadline.saturatedNanos(h.delay()) : 0L;
        this.slots = new Slot[capacity];
        this.finishedQueue = new int[capacity];
        this.startNanos = ticker.read();
        this.deadline = Deadline.afterNanos(Deadline.saturatedNanos(policy.timeout()), ticker);
    }

    /** Starts the first calls; called once by the fan-out before the gathering is returned. */
    void begin() {
        turnLock.lock();
        try {
            startDue(ticker.read());
        } finally {
            turnLock.unlock();
        }
    }

    @Override
    public Gathered<T> join() throws InterruptedException {
        turnLock.lockInterruptibly();
        try {
            while (!step()) {
                try {
                    await(waitNanos());
                } catch (InterruptedException e) {
                    finishCancelled();
                    throw e;
                }
            }
            return result;
        } finally {
            turnLock.unlock();
        }
    }

    @Override
    public Optional<Gathered<T>> tryJoin() {
        if (!turnLock.tryLock()) {
            return Optional.empty();
        }
        try {
            return step() ? Optional.of(result) : Optional.empty();
        } finally {
            turnLock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int started() {
        return started;
    }

    @Override
    public void close() {
        turnLock.lock();
        try {
            if (result == null) {
                boolean interrupted = finishCancelled();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            turnLock.unlock();
        }
    }

    /** Settles as cancelled (if not settled) and waits, ignoring interrupts, for the result. */
    private boolean finishCancelled() {
        assert turnLock.isHeldByCurrentThread();
        if (!settled) {
            settle(false);
        }
        boolean interrupted = false;
        while (!step()) {
            try {
                await(waitNanos());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /** One step of the owner's loop; true once the result is ready. */
    private boolean step() {
        assert turnLock.isHeldByCurrentThread();
        if (result != null) {
            return true;
        }
        drain();
        if (!settled) {
            if (decided()) {
                settle(false);
            } else if (deadline.isExpired()) {
                settle(true);
            } else {
                startDue(ticker.read());
            }
        }
        if (settled && (finished == slotsInUse() || graceDeadline.isExpired())) {
            result = buildResult();
            return true;
        }
        return false;
    }

    private int slotsInUse() {
        return hedged ? started : slots.length;
    }

    /** Whether the policy is decided by the outcomes counted so far. */
    private boolean decided() {
        int n = slots.length;
        return switch (policy) {
            case Policy.All a -> failures > 0 || successes == n;
            case Policy.Partial p -> finished == n;
            case Policy.FirstSuccess f -> successes >= 1 || failures == n;
            case Policy.Quorum q -> successes >= q.k() || failures > n - q.k();
            case Policy.Hedged h -> successes >= 1 || failures == n;
        };
    }

    /** Processes the calls that reported finished since the last step. */
    private void drain() {
        int upTo;
        lock.lock();
        try {
            upTo = finishedCount;
        } finally {
            lock.unlock();
        }
        // NOTE: entries below finishedCount are written once, before the unlock that published
        // finishedCount, so reading them without the lock is safe.
        for (; processed < upTo; processed++) {
            Slot slot = slots[finishedQueue[processed]];
            slot.counted = true;
            finished++;
            finishedStarted++;
            Outcome<?> o = slot.outcome;
            if (o instanceof Outcome.Completed<?>) {
                successes++;
            } else if (o instanceof Outcome.Failed<?>) {
                failures++;
            }
        }
    }

    /**
     * Starts the calls the policy and the concurrency limit allow now.
     *
     * <p>NOTE: it must not drain(): a call that finished during the launch (an inline executor, a
     * fast backup) would be counted without the policy being re-decided, and await() would then
     * see nothing new and sleep past the decision. Left undrained, it makes the next await() return
     * at once and the next step() decide.
     */
    private void startDue(long now) {
        int limit = config.maxConcurrency;
        if (hedged) {
            while (started < slots.length && started - finishedStarted < limit
                    && (started == 0 || now - lastStartNanos >= hedgeDelayNanos || failures == started)) {
                int attempt = started;
                lastStartNanos = now;
                launch(attempt, calls[attempt % calls.length]);
            }
        } else {
            while (nextToStart < slots.length && started - finishedStarted < limit) {
                int i = nextToStart++;
                launch(i, calls[i]);
            }
        }
    }

    private void launch(int index, Callable<? extends T> call) {
        Slot slot = new Slot(this, index, call);
        slots[index] = slot;
        started = started + 1;
        try {
            config.executor.execute(slot);
        } catch (RuntimeException | Error rejected) {
            if (STATE.compareAndSet(slot, NEW, SKIPPED)) {
                OUTCOME.compareAndSet(slot, null, new Outcome.Failed<T>(rejected));
                reportFinished(index);
            }
        }
    }

    /** Decides every undecided call and interrupts those running. */
    private void settle(boolean timedOut) {
        settled = true;
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            if (slot == null) {
                if (hedged) {
                    continue; // an attempt never started is not part of the result
                }
                slot = new Slot(this, i, calls[i]);
                slot.state = SKIPPED;
                slot.outcome = timedOut ? new Outcome.TimedOut<T>(false) : new Outcome.Cancelled<T>(false);
                slot.counted = true;
                slots[i] = slot;
                finished++;
                continue;
            }
            // A launched call the executor has not run yet is kept from running at all.
            boolean ran = !STATE.compareAndSet(slot, NEW, SKIPPED);
            Outcome<T> forced = timedOut ? new Outcome.TimedOut<T>(ran) : new Outcome.Cancelled<T>(ran);
            if (OUTCOME.compareAndSet(slot, null, forced) && ran) {
                slot.interrupt();
            }
        }
        graceDeadline = Deadline.afterNanos(config.graceNanos, ticker);
    }

    /** How long the owner may wait before something is due on the ticker. */
    private long waitNanos() {
        long wait;
        if (settled) {
            wait = graceDeadline.remainingNanos();
        } else {
            wait = deadline.remainingNanos();
            if (hedged && started < slots.length && started - finishedStarted < config.maxConcurrency) {
                wait = Math.min(wait, hedgeDelayNanos - (ticker.read() - lastStartNanos));
            }
        }
        return Math.max(wait, 1L);
    }

    private void await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (finishedCount == processed && !woken) {
                changed.await(nanos, TimeUnit.NANOSECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    void reportFinished(int index) {
        lock.lock();
        try {
            finishedQueue[finishedCount++] = index;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Test support: waits until at least {@code count} calls reported finished (the owner has not
     * necessarily processed them yet). Real time bounds the wait only as a safety net.
     */
    boolean awaitReports(int count, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (finishedCount < count) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private Gathered<T> buildResult() {
        int size = slotsInUse();
        List<Outcome<T>> outcomes = new ArrayList<>(size);
        List<Integer> unfinished = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Slot slot = slots[i];
            outcomes.add((Outcome<T>) slot.outcome);
            if (!slot.counted) {
                unfinished.add(i);
            }
        }
        return new Gathered<>(policy, outcomes, unfinished, ticker.read() - startNanos);
    }

    @Override
    public String toString() {
        return "Gathering[policy=" + policy + ", started=" + started + "]";
    }

    /** One call or hedge attempt: the Runnable handed to the executor. */
    static final class Slot implements Runnable {
        final GatheringImpl<?> owner;
        final int index;
        final Callable<?> call;
        /** NEW, RUNNING, INTERRUPTING, INTERRUPTED, FINISHED or SKIPPED; via STATE. */
        volatile int state;
        /** The thread running the call; published by the NEW -> RUNNING CAS. */
        Thread runner;
        /** Decided once, via OUTCOME. */
        volatile Outcome<?> outcome;
        /** Counted finished by the owner. Guarded by turnLock. */
        boolean counted;

        Slot(GatheringImpl<?> owner, int index, Callable<?> call) {
            this.owner = owner;
            this.index = index;
            this.call = call;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            if (!STATE.compareAndSet(this, NEW, RUNNING)) {
                runner = null;
                owner.reportFinished(index);
                return;
            }
            Outcome<Object> o;
            try {
                Object value = call.call();
                o = value != null ? new Outcome.Completed<>(value)
                        : new Outcome.Failed<>(new NullPointerException("task " + index + " returned null"));
            } catch (Throwable e) {
                o = new Outcome.Failed<>(e);
            }
            OUTCOME.compareAndSet(this, null, o);
            if (!STATE.compareAndSet(this, RUNNING, FINISHED)) {
                while (state == INTERRUPTING) {
                    Thread.onSpinWait();
                }
                // NOTE: the interrupt came from cancel(); clear it so that it does not reach the
                // executor's next task on this thread.
                Thread.interrupted();
            }
            runner = null;
            owner.reportFinished(index);
        }

        /** Interrupts the call if it is running; a call that already returned is left alone. */
        void interrupt() {
            if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
                Thread t = runner;
                if (t != null) {
                    t.interrupt();
                }
                state = INTERRUPTED;
            }
        }
    }
}
