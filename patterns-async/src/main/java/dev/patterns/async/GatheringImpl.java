package dev.patterns.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import dev.patterns.internal.InterruptibleRun;
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
     * One lock, for the owner. `turnLock` serializes the owner's steps (join/tryJoin/close); every
     * counter guarded by it is touched only while holding it, so the policy logic is
     * single-threaded. Call threads take no lock: a finishing call counts itself in `reports` (and
     * in `oks` or `fails`), flags its slot `reported`, and unparks the waiting owner only if its
     * report can change what the owner decides (see decisive()): the last of n calls under all(),
     * the first failure, the k-th value of a quorum, any report while the owner waits to start
     * the next hedge or the next call under a concurrency limit, any report once settled that
     * completes the count. So a gathering of n trivial calls typically wakes its owner once, not
     * n times. The owner parks only after publishing itself in `waiter` and re-reading `reports`;
     * a reporter counts itself before reading `waiter`: a Dekker pair over volatiles, so the
     * owner either sees the report or is unparked by it. The owner counts a slot only once it is
     * flagged, and a reporter flags its slot only after counting it, so the owner never counts
     * ahead of `reports` (and never sleeps on a report it has already consumed the flag of).
     *
     * A call's outcome is decided once, by CAS on Slot.outcome: the call sets it when it returns,
     * the owner forces TimedOut/Cancelled when it settles first. A slot's run state
     * (dev.patterns.internal.InterruptibleRun, shared with single-flight's Flight) makes the
     * interrupt safe on pooled threads: the owner interrupts only a thread it saw running this
     * slot, and the call clears that interrupt before it returns its thread to the executor.
     *
     * Waiting is computed from the ticker (deadline, next hedge, grace end), never from the wall
     * clock, so a FakeTicker drives it; wakeUp() lets a test nudge a waiting owner after advancing.
     *
     * Percentile hedging reads its delay once, at construction, and feeds the tracker from two
     * places: a call thread records its own latency when its value became its outcome (Slot.run),
     * the owner records the censored time of attempts it forces after the delay (settle). The two
     * are disjoint because the outcome is decided by one CAS. Only hedged-by-percentile gatherings
     * read the ticker at launch or record anything; other policies pay one null check per call.
     *
     * Stats go to the fan-out's adders once per gathering, when the result is built (from the
     * owner's counters and the outcomes), so the per-call path touches no shared counter.
     *
     * Rejected: a coordinator thread per gathering (costs a thread and makes FakeTicker tests
     * racy); CompletableFuture.anyOf/allOf (no interrupt of the running calls, no quorum).
     */

    private static final VarHandle OUTCOME;
    private static final VarHandle REPORTS;
    private static final VarHandle OKS;
    private static final VarHandle FAILS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OUTCOME = l.findVarHandle(Slot.class, "outcome", Outcome.class);
            REPORTS = l.findVarHandle(GatheringImpl.class, "reports", int.class);
            OKS = l.findVarHandle(GatheringImpl.class, "oks", int.class);
            FAILS = l.findVarHandle(GatheringImpl.class, "fails", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DefaultFanOut config;
    private final Ticker ticker;
    private final GatherPolicy policy;
    private final Callable<? extends T>[] calls;
    private final Slot[] slots;
    private final boolean hedged;
    private final long hedgeDelayNanos;
    /** Values that settle the gathering, satisfied (GatherRule.need). */
    private final int need;
    /** Whether failures settle it once need is out of reach (GatherRule.failuresSettle). */
    private final boolean failuresSettle;
    /** Fed by attempts of a hedged-by-percentile gathering; null for other policies. */
    final LatencyTracker tracker;
    private final long startNanos;
    private final Deadline deadline;

    /** Calls that reported finished; via REPORTS. */
    private volatile int reports;
    /** Reports whose outcome was a value; via OKS. */
    private volatile int oks;
    /** Reports whose outcome was a failure; via FAILS. */
    private volatile int fails;
    /** Reports the settled owner waits for (the slots launched); -1 until settled. */
    private volatile int awaitedReports = -1;
    /** Whether every report must wake the owner (hedging, or a concurrency limit below n). */
    private final boolean wakeOnEveryReport;
    /** The owner while it waits, else null. */
    private volatile Thread waiter;
    /** Set by wakeUp, cleared by the owner when it wakes. */
    private volatile boolean woken;

    private final ReentrantLock turnLock = new ReentrantLock();
    /** Slots started. Written under turnLock; volatile for started(). */
    private volatile int started;
    /** Next non-hedged call to start. Guarded by turnLock. */
    private int nextToStart;
    /** Reports counted by drain(). Guarded by turnLock. */
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

    GatheringImpl(DefaultFanOut config, GatherPolicy policy, Callable<? extends T>[] calls) {
        this.config = config;
        this.ticker = config.ticker;
        this.policy = policy;
        this.calls = calls;
        this.hedged = GatherRule.hedged(policy);
        this.hedgeDelayNanos = GatherRule.hedgeDelayNanos(policy);
        this.tracker = GatherRule.tracker(policy);
        int capacity = GatherRule.slots(policy, calls.length);
        this.slots = new Slot[capacity];
        this.need = GatherRule.need(policy, capacity);
        this.failuresSettle = GatherRule.failuresSettle(policy);
        this.wakeOnEveryReport = hedged || config.concurrency < capacity;
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
    public Optional<Gathered<T>> join(Duration timeout) throws InterruptedException {
        // zero or negative: one step without waiting (the library's timeout rule)
        long timeoutNanos = Math.max(0L, Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout")));
        Deadline until = Deadline.afterNanos(timeoutNanos, ticker);
        // NOTE: the turn is awaited in real time for at most the timeout's length: another thread
        // holds it only for one step (tryJoin) or while it joins itself, and the turn lock cannot
        // be woken by wakeUp(). The gathering's own waits below are on the ticker.
        if (!turnLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        try {
            while (!step()) {
                long left = until.remainingNanos();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    await(Math.min(waitNanos(), left));
                } catch (InterruptedException e) {
                    finishCancelled();
                    throw e;
                }
            }
            return Optional.of(result);
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
        woken = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
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
            count(result);
            return true;
        }
        return false;
    }

    private int slotsInUse() {
        return hedged ? started : slots.length;
    }

    /** Adds this gathering to the fan-out's stats; once, with the result. */
    private void count(Gathered<T> r) {
        FanOutCounters c = config.counters;
        c.gatheringNanos.add(r.elapsedNanos());
        c.gatheringsFinished.increment();
        c.callsStarted.add(started);
        if (hedged && started > 1) {
            c.hedgesStarted.add(started - 1);
        }
        int completed = 0;
        int failed = 0;
        int timedOut = 0;
        for (Outcome<T> o : r.outcomes()) {
            if (o instanceof Outcome.Completed<T>) {
                completed++;
            } else if (o instanceof Outcome.Failed<T>) {
                failed++;
            } else if (o instanceof Outcome.TimedOut<T>) {
                timedOut++;
            }
        }
        c.completed.add(completed);
        c.failed.add(failed);
        c.timedOut.add(timedOut);
        c.cancelled.add(r.outcomes().size() - completed - failed - timedOut);
        c.unfinished.add(r.unfinished().size());
    }

    /** Whether the policy is decided by the outcomes counted so far. */
    private boolean decided() {
        return GatherRule.decided(slots.length, need, failuresSettle, successes, failures, finished);
    }

    /** Processes the calls that reported finished since the last step. */
    private void drain() {
        int upTo = reports;
        // NOTE: a slot is flagged only after its report is counted, so the flagged slots never
        // outnumber `reports`; a counted report whose flag is not yet visible is picked up by the
        // next step (the owner does not park while reports != processed).
        for (int i = 0; i < slots.length && processed < upTo; i++) {
            Slot slot = slots[i];
            if (slot == null || slot.counted || !slot.reported) {
                continue;
            }
            processed++;
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
        int limit = config.concurrency;
        if (hedged) {
            while (started < slots.length && started - finishedStarted < limit
                    && (started == 0 || now - lastStartNanos >= hedgeDelayNanos || failures == started)) {
                int attempt = started;
                lastStartNanos = now;
                launch(attempt, calls[attempt % calls.length], now);
            }
        } else {
            while (nextToStart < slots.length && started - finishedStarted < limit) {
                int i = nextToStart++;
                launch(i, calls[i], now);
            }
        }
    }

    private void launch(int index, Callable<? extends T> call, long now) {
        Slot slot = new Slot(this, index, call);
        slot.launchNanos = now;
        slots[index] = slot;
        started = started + 1;
        try {
            config.executor.execute(slot);
        } catch (RuntimeException | Error rejected) {
            if (slot.trySkip()) {
                OUTCOME.compareAndSet(slot, null, new Outcome.Failed<T>(rejected));
                reportFinished(slot);
            }
        }
    }

    /** Decides every undecided call and interrupts those running. */
    private void settle(boolean timedOut) {
        settled = true;
        long now = tracker != null ? ticker.read() : 0L;
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            if (slot == null) {
                if (hedged) {
                    continue; // an attempt never started is not part of the result
                }
                slot = new Slot(this, i, calls[i]);
                slot.trySkip();
                slot.outcome = timedOut ? new Outcome.TimedOut<T>(false) : new Outcome.Cancelled<T>(false);
                slot.counted = true;
                slots[i] = slot;
                finished++;
                continue;
            }
            if (slot.outcome != null) {
                continue; // decided by the call itself: nothing to force or interrupt
            }
            // A launched call the executor has not run yet is kept from running at all.
            boolean ran = !slot.trySkip();
            Outcome<T> forced = timedOut ? new Outcome.TimedOut<T>(ran) : new Outcome.Cancelled<T>(ran);
            if (OUTCOME.compareAndSet(slot, null, forced) && ran) {
                slot.interruptIfRunning();
                long outstanding = now - slot.launchNanos;
                if (tracker != null && outstanding >= hedgeDelayNanos) {
                    tracker.record(outstanding); // censored: a lower bound, above the delay
                }
            }
        }
        graceDeadline = Deadline.afterNanos(config.graceNanos, ticker);
        // NOTE: published after every forced outcome; the report that completes this count wakes
        // the owner.
        awaitedReports = started;
    }

    /** How long the owner may wait before something is due on the ticker. */
    private long waitNanos() {
        long wait;
        if (settled) {
            wait = graceDeadline.remainingNanos();
        } else {
            wait = deadline.remainingNanos();
            if (hedged && started < slots.length && started - finishedStarted < config.concurrency) {
                wait = Math.min(wait, hedgeDelayNanos - (ticker.read() - lastStartNanos));
            }
        }
        return Math.max(wait, 1L);
    }

    private void await(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        waiter = Thread.currentThread();
        // NOTE: volatile write of waiter, then volatile reads of reports and woken; a reporter
        // counts itself, then reads waiter; wakeUp() sets woken, then reads waiter (Dekker).
        int r = reports;
        if (r == processed && !woken) {
            LockSupport.parkNanos(this, nanos);
        } else if (r != processed) {
            Thread.onSpinWait(); // a report counted but maybe not yet flagged: a few instructions away
        }
        waiter = null;
        woken = false;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Counts a finished slot and wakes the owner if the report can change its decision. */
    void reportFinished(Slot slot) {
        Outcome<?> o = slot.outcome;
        int ok = o instanceof Outcome.Completed<?> ? (int) OKS.getAndAdd(this, 1) + 1 : 0;
        int failed = o instanceof Outcome.Failed<?> ? (int) FAILS.getAndAdd(this, 1) + 1 : 0;
        int r = (int) REPORTS.getAndAdd(this, 1) + 1;
        slot.reported = true;
        if (wakeOnEveryReport || r == awaitedReports || decisive(ok, failed, r)) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /**
     * Whether a report may decide the policy (GatherRule.decisive): then the owner must wake for
     * it; a report that cannot decide is left for the owner's next step. Hedged gatherings wake
     * on every report anyway (wakeOnEveryReport).
     */
    private boolean decisive(int ok, int failed, int r) {
        return GatherRule.decisive(slots.length, need, failuresSettle, ok, failed, r);
    }

    /**
     * Test support: waits until at least {@code count} calls reported finished (the owner has not
     * necessarily processed them yet). Real time bounds the wait only as a safety net.
     */
    boolean awaitReports(int count, long timeoutNanos) throws InterruptedException {
        // NOTE: polls (every 0.1 ms): reporters do not signal anyone but the owner.
        long end = System.nanoTime() + timeoutNanos;
        while (reports < count) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            LockSupport.parkNanos(this, 100_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }

    /** Test support: whether a wakeUp() has not yet been consumed by a waiting owner. */
    boolean wakeUpPending() {
        return woken;
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
    static final class Slot extends InterruptibleRun implements Runnable {
        final GatheringImpl<?> owner;
        final int index;
        final Callable<?> call;
        /** Decided once, via OUTCOME. */
        volatile Outcome<?> outcome;
        /** Counted finished by the owner. Guarded by turnLock. */
        boolean counted;
        /** Ticker reading when launched; written before the executor gets the slot. */
        long launchNanos;
        /** Set by the call's thread after its report is counted. */
        volatile boolean reported;

        Slot(GatheringImpl<?> owner, int index, Callable<?> call) {
            this.owner = owner;
            this.index = index;
            this.call = call;
        }

        @Override
        public void run() {
            if (!tryStart()) {
                owner.reportFinished(this);
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
            LatencyTracker tracker = owner.tracker;
            if (OUTCOME.compareAndSet(this, null, o) && tracker != null && o instanceof Outcome.Completed<?>) {
                tracker.record(owner.ticker.read() - launchNanos);
            }
            endRun(); // clears an interrupt from settle(), so it cannot reach the executor's next task
            owner.reportFinished(this);
        }
    }
}
