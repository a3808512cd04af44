package dev.patterns.actor;

import dev.patterns.channel.Overflow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One actor: its reference, its context, its mailbox and its turn, in one object.
 *
 * @param <M> the type of messages
 */
final class ActorCell<M> implements ActorRef<M>, ActorContext<M>, Runnable {

    /*
     * Implementation notes.
     *
     * Memory. An idle actor is this object (about 72 bytes with compressed oops) and nothing else:
     * no lock object, no thread, no queue node. The mailbox is a ring buffer allocated on the first
     * message, grown by doubling up to the capacity, and released again when the actor goes idle
     * with a buffer longer than KEEP. Rare state (waiting senders, watchers, children, signals,
     * failure counters, timing) lives in an Extras object allocated on first need.
     *
     * One state word. `state` holds LOCK (a tiny spin lock guarding the mailbox and extras),
     * SCHEDULED (a turn is queued or running: the turn owns the behaviour), STOPPING, STOPPED and
     * NEEDS_START. Every change of the word is made by the holder of LOCK, except taking LOCK
     * itself by CAS; so unlocking is a plain release store of the new value.
     *
     * No lost wake-up. A sender enqueues and, finding SCHEDULED clear, sets it and submits a turn,
     * all under LOCK. A turn goes idle only under LOCK, after seeing the mailbox empty. The two are
     * serialized, so a message never sits in a mailbox whose actor is neither scheduled nor running.
     *
     * Happens-before between handlers. Within a turn, program order. Across turns: the turn that
     * goes idle releases LOCK; the sender that schedules the next turn acquires LOCK and starts or
     * enqueues the next turn (a concurrent run queue hand-off), so the next handler sees
     * everything the previous one did. A turn that re-submits itself hands off the same way.
     *
     * Waiting senders (overflow BLOCK) park outside the lock, linked in a FIFO list under LOCK; the
     * turn unparks the first one each time it takes a message out. A waiter that leaves without
     * using its wake-up (timeout, interrupt) passes it on.
     */

    private static final VarHandle STATE;
    private static final VarHandle COUNT;
    private static final VarHandle HANDLED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(ActorCell.class, "state", int.class);
            COUNT = l.findVarHandle(ActorCell.class, "count", int.class);
            HANDLED = l.findVarHandle(ActorCell.class, "handled", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int LOCK = 1;
    static final int SCHEDULED = 2;
    static final int STOPPING = 4;
    static final int STOPPED = 8;
    static final int NEEDS_START = 16;

    private static final int FIRST = 2;
    private static final int KEEP = 16;
    private static final int DONE = 0;
    private static final int FULL = 1;
    private static final int REFUSED = 2;
    private static final PostStop POST_STOP = new PostStop();

    final ActorSystemImpl system;
    final ActorCell<?> parent;
    final Mailbox mailbox;
    private final int id;
    private final String givenName;
    /** What the actor starts (and restarts) from; may be a SupervisedBehavior. */
    private final Behavior<M> initial;
    /** Confined to the turn (the holder of SCHEDULED); null until started and after stopping. */
    private Behavior<M> behavior;
    /** Accessed through STATE. */
    private volatile int state;
    /** Guarded by LOCK. */
    private Object[] buffer;
    /** Guarded by LOCK. */
    private int head;
    /** Guarded by LOCK; read opaque by stats. */
    private int count;
    /** Written by the turn only; read opaque. */
    private long handled;
    /** Guarded by LOCK; allocated on first need. */
    private Extras extras;
    /** The thread running a turn, for shutdownNow; written by the turn, read opaque. */
    private volatile Thread runner;

    /** Rarely needed state, kept out of the idle actor. All fields guarded by LOCK unless noted. */
    static final class Extras {
        Waiter firstWaiter;
        Waiter lastWaiter;
        ArrayDeque<Signal> signals;
        List<ActorCell<?>> watchers;
        HashSet<ActorCell<?>> children;
        long failed;
        long restarts;
        long dropped;
        long deadLetters;
        /** The earliest system-ticker reading at which the next mailbox-drop JFR event may be committed. */
        long dropEventGate;
        /** Whether a drop event was committed, so that {@code dropEventGate} holds a reading. */
        boolean dropEventSent;
        /** Enqueue times, parallel to the buffer; only with timing. */
        long[] times;
        long mailboxNanos;
        long handlingNanos;
        /** Supervision window; confined to the turn. */
        long windowStart;
        int restartsInWindow;
        Throwable failure;
    }

    /** A sender parked on a full mailbox. */
    static final class Waiter {
        final Thread thread;
        Waiter next;
        boolean linked;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    ActorCell(ActorSystemImpl system, ActorCell<?> parent, Behavior<M> initial, String givenName,
            Mailbox mailbox, int id) {
        this.system = system;
        this.parent = parent;
        this.initial = initial;
        this.givenName = givenName;
        this.mailbox = mailbox;
        this.id = id;
        Behavior<M> b = unwrap(initial);
        if (b instanceof ReceiveBehavior<M> || b instanceof AbstractBehavior<M>) {
            behavior = b;
        } else if (b instanceof SetupBehavior<M>) {
            STATE.set(this, NEEDS_START | SCHEDULED);
        } else {
            throw new IllegalArgumentException("behavior: " + b + " (expected: receive, setup or a class form)");
        }
    }

    private static <M> Behavior<M> unwrap(Behavior<M> b) {
        while (b instanceof SupervisedBehavior<M> s) {
            b = s.behavior();
        }
        return b;
    }

    /** Called once by the spawner after registration: runs the setup step in a turn if needed. */
    void start() {
        if ((state & NEEDS_START) != 0) {
            system.dispatch(this);
        }
    }

    // ---------------------------------------------------------------------------------- lock

    private int lock() {
        int spins = 0;
        for (;;) {
            int s = state;
            if ((s & LOCK) == 0 && STATE.compareAndSet(this, s, s | LOCK)) {
                return s;
            }
            if (++spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Releases LOCK, publishing {@code s} (which must not contain LOCK) as the new state. */
    private void unlock(int s) {
        // NOTE: release store suffices: only the holder of LOCK changes the word.
        STATE.setRelease(this, s);
    }

    private Extras ext() {
        Extras e = extras;
        if (e == null) {
            e = extras = new Extras();
        }
        return e;
    }

    // ------------------------------------------------------------------------------ identity

    @Override
    public String name() {
        return givenName != null ? givenName : "actor-" + id;
    }

    @Override
    public ActorRef<M> self() {
        return this;
    }

    @Override
    public ActorSystem system() {
        return system;
    }

    @Override
    public String toString() {
        return "ActorRef[" + name() + "]";
    }

    // ------------------------------------------------------------------------------- sending

    @Override
    public void tell(M message) throws InterruptedException {
        Objects.requireNonNull(message, "message");
        int r = attempt(message, null);
        if (r == FULL) {
            r = offerWaiting(message, false, 0L);
        }
        if (r == REFUSED) {
            throw new MailboxFullException(
                    "mailbox of actor '" + name() + "' is full (capacity " + mailbox.capacity() + ")");
        }
    }

    @Override
    public boolean tryTell(M message) {
        Objects.requireNonNull(message, "message");
        return attempt(message, null) == DONE;
    }

    @Override
    public boolean tell(M message, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timeout, "timeout");
        int r = attempt(message, null);
        if (r == FULL && !timeout.isZero() && !timeout.isNegative()) {
            r = offerWaiting(message, true, dev.patterns.time.Deadline.saturatedNanos(timeout));
        }
        return r == DONE;
    }

    /**
     * One try to hand over a message: accept it, drop by policy, or dead-letter it; or answer FULL
     * (linking {@code waiter} if given) or REFUSED.
     */
    private int attempt(Object message, Waiter waiter) {
        int s = lock();
        if ((s & (STOPPING | STOPPED)) != 0) {
            if (waiter != null) {
                unlinkWaiter(waiter);
            }
            ext().deadLetters++;
            unlock(s);
            system.deadLetter(this, message);
            return DONE;
        }
        if (count < mailbox.capacity()) {
            if (waiter != null) {
                unlinkWaiter(waiter);
            }
            enqueue(message);
            if ((s & SCHEDULED) == 0) {
                unlock(s | SCHEDULED);
                system.dispatch(this);
            } else {
                unlock(s);
            }
            return DONE;
        }
        Overflow overflow = mailbox.overflow();
        if (overflow == Overflow.DROP_NEWEST) {
            long dropped = ++ext().dropped;
            unlock(s);
            system.dropped(this, message);
            dropEvent(overflow, dropped);
            return DONE;
        }
        if (overflow == Overflow.DROP_OLDEST) {
            Object oldest = dequeue();
            enqueue(message);
            long dropped = ++ext().dropped;
            unlock(s);
            system.dropped(this, oldest);
            dropEvent(overflow, dropped);
            return DONE;
        }
        if (overflow == Overflow.FAIL) {
            unlock(s);
            return REFUSED;
        }
        if (waiter != null && !waiter.linked) {
            Extras e = ext();
            waiter.linked = true;
            if (e.lastWaiter == null) {
                e.firstWaiter = waiter;
            } else {
                e.lastWaiter.next = waiter;
            }
            e.lastWaiter = waiter;
        }
        unlock(s);
        return FULL;
    }

    /** A JFR drop event, at most one per actor per ActorMailboxDropEvent.GAP_NANOS. */
    private void dropEvent(Overflow overflow, long dropped) {
        ActorMailboxDropEvent event = new ActorMailboxDropEvent();
        if (!event.shouldCommit()) {
            return;
        }
        long now = system.ticker.read();
        int s = lock();
        Extras e = ext();
        boolean due = !e.dropEventSent || now - e.dropEventGate >= 0;
        if (due) {
            e.dropEventSent = true;
            e.dropEventGate = now + ActorMailboxDropEvent.GAP_NANOS;
        }
        unlock(s);
        if (due) {
            event.system = system.name();
            event.actor = name();
            event.overflow = overflow.name();
            event.capacity = mailbox.capacity();
            event.dropped = dropped;
            event.commit();
        }
    }

    /** Waits for space under BLOCK; answers DONE, or FULL when the timeout passed. */
    private int offerWaiting(Object message, boolean timed, long nanos) throws InterruptedException {
        Waiter w = new Waiter(Thread.currentThread());
        long deadline = timed ? system.ticker.read() + nanos : 0L;
        // The slow path only: a tell that waits longer than the event's threshold is a JFR event.
        ActorTellWaitEvent event = new ActorTellWaitEvent();
        event.begin();
        boolean sent = false;
        try {
            for (;;) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                int r = attempt(message, w);
                if (r != FULL) {
                    sent = r == DONE;
                    return r;
                }
                if (timed) {
                    long left = deadline - system.ticker.read();
                    if (left <= 0) {
                        return FULL;
                    }
                    LockSupport.parkNanos(this, left);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            leave(w);
            event.end();
            if (event.shouldCommit()) {
                event.system = system.name();
                event.actor = name();
                event.capacity = mailbox.capacity();
                event.sent = sent;
                event.commit();
            }
        }
    }

    /** A waiter leaves: unlink it, or, if it was woken, pass the wake-up on while there is room. */
    private void leave(Waiter w) {
        int s = lock();
        Waiter next = null;
        if (w.linked) {
            unlinkWaiter(w);
        } else if (count < mailbox.capacity()) {
            next = popWaiter();
        }
        unlock(s);
        if (next != null) {
            LockSupport.unpark(next.thread);
        }
    }

    /** Guarded by LOCK. */
    private void unlinkWaiter(Waiter w) {
        if (!w.linked) {
            return;
        }
        Extras e = extras;
        Waiter prev = null;
        for (Waiter x = e.firstWaiter; x != null; prev = x, x = x.next) {
            if (x == w) {
                if (prev == null) {
                    e.firstWaiter = x.next;
                } else {
                    prev.next = x.next;
                }
                if (e.lastWaiter == x) {
                    e.lastWaiter = prev;
                }
                break;
            }
        }
        w.linked = false;
        w.next = null;
    }

    /** Guarded by LOCK. */
    private Waiter popWaiter() {
        Extras e = extras;
        if (e == null || e.firstWaiter == null) {
            return null;
        }
        Waiter w = e.firstWaiter;
        e.firstWaiter = w.next;
        if (e.firstWaiter == null) {
            e.lastWaiter = null;
        }
        w.linked = false;
        w.next = null;
        return w;
    }

    /** Guarded by LOCK. Wakes every waiting sender: the actor is stopping. */
    private Waiter popAllWaiters() {
        Extras e = extras;
        if (e == null || e.firstWaiter == null) {
            return null;
        }
        Waiter first = e.firstWaiter;
        e.firstWaiter = null;
        e.lastWaiter = null;
        for (Waiter x = first; x != null; x = x.next) {
            x.linked = false;
        }
        return first;
    }

    private static void unparkAll(Waiter first) {
        for (Waiter x = first; x != null; ) {
            Waiter next = x.next;
            x.next = null;
            LockSupport.unpark(x.thread);
            x = next;
        }
    }

    // ------------------------------------------------------------------------------- mailbox

    /** Guarded by LOCK; there is room. */
    private void enqueue(Object message) {
        Object[] b = buffer;
        int n = count;
        if (b == null) {
            b = buffer = new Object[Math.min(FIRST, mailbox.capacity())];
            head = 0;
            if (system.timing) {
                ext().times = new long[b.length];
            }
        } else if (n == b.length) {
            b = grow(b, n);
        }
        int i = head + n;
        if (i >= b.length) {
            i -= b.length;
        }
        b[i] = message;
        if (system.timing) {
            extras.times[i] = system.ticker.read();
        }
        COUNT.setOpaque(this, n + 1);
    }

    private Object[] grow(Object[] b, int n) {
        int len = (int) Math.min((long) b.length * 2, mailbox.capacity());
        Object[] nb = new Object[len];
        long[] times = system.timing ? extras.times : null;
        long[] nt = times != null ? new long[len] : null;
        for (int k = 0; k < n; k++) {
            int j = head + k;
            if (j >= b.length) {
                j -= b.length;
            }
            nb[k] = b[j];
            if (nt != null) {
                nt[k] = times[j];
            }
        }
        if (nt != null) {
            extras.times = nt;
        }
        head = 0;
        buffer = nb;
        return nb;
    }

    /** Guarded by LOCK; the mailbox is not empty. */
    private Object dequeue() {
        return dequeue(false);
    }

    /** Guarded by LOCK; the mailbox is not empty. {@code toHandle}: count its time in mailbox. */
    private Object dequeue(boolean toHandle) {
        Object[] b = buffer;
        int h = head;
        Object m = b[h];
        b[h] = null;
        if (toHandle && system.timing) {
            Extras e = extras;
            long waited = system.ticker.read() - e.times[h];
            e.mailboxNanos += waited;
            system.mailboxNanos.add(waited);
        }
        head = h + 1 == b.length ? 0 : h + 1;
        COUNT.setOpaque(this, count - 1);
        return m;
    }

    /** Guarded by LOCK. Takes every waiting message out, in order. */
    @SuppressWarnings("unchecked")
    private List<M> drain() {
        List<M> out = new ArrayList<>(count);
        while (count > 0) {
            out.add((M) dequeue());
        }
        buffer = null;
        return out;
    }

    // ---------------------------------------------------------------------------------- turn

    @Override
    public void run() {
        runner = Thread.currentThread();
        if ((state & NEEDS_START) != 0) {
            int s = lock();
            unlock(s & ~NEEDS_START);
            if (!startBehavior()) {
                return;
            }
        }
        int batch = system.batch;
        int n = 0;
        for (;;) {
            int s = lock();
            Extras e = extras;
            Signal signal = e != null && e.signals != null ? e.signals.poll() : null;
            if (signal != null) {
                unlock(s);
                if (!handleSignal(signal)) {
                    return;
                }
            } else if (count == 0) {
                if ((s & STOPPING) != 0) {
                    unlock(s);
                    finishStop(null);
                    return;
                }
                if (buffer != null && buffer.length > KEEP) {
                    buffer = null;
                    if (e != null) {
                        e.times = null;
                    }
                }
                runner = null;
                unlock(s & ~SCHEDULED);
                return;
            } else {
                Object m = dequeue(true);
                Waiter w = e != null ? popWaiter() : null;
                unlock(s);
                if (w != null) {
                    LockSupport.unpark(w.thread);
                }
                if (!handleMessage(m)) {
                    return;
                }
            }
            if (++n == batch) {
                // NOTE: still SCHEDULED; the hand-off to the next turn carries happens-before.
                runner = null;
                system.dispatch(this);
                return;
            }
        }
    }

    /** Runs the setup step; false if the actor stopped instead. */
    private boolean startBehavior() {
        try {
            behavior = canonical(initial, null);
            return true;
        } catch (Throwable t) {
            countFailure();
            stopSelf(t);
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Behavior<M> canonical(Behavior<M> next, Behavior<M> current) throws Exception {
        for (;;) {
            if (next == null) {
                throw new NullPointerException("behavior returned to actor '" + name() + "' is null");
            } else if (next == SpecialBehavior.SAME) {
                return current;
            } else if (next == SpecialBehavior.STOPPED) {
                return next;
            } else if (next instanceof SupervisedBehavior<M> s) {
                next = s.behavior();
            } else if (next instanceof SetupBehavior<M> s) {
                next = s.factory().create(this);
            } else {
                return next;
            }
        }
    }

    /** Handles one message; false if the actor stopped. */
    private boolean handleMessage(Object message) {
        ActorMessageEvent event = new ActorMessageEvent();
        if (event.isEnabled()) {
            return handleMessageEvent(message, event);
        }
        return handleMessageTimed(message);
    }

    /** handleMessage under an enabled per-message JFR event. */
    private boolean handleMessageEvent(Object message, ActorMessageEvent event) {
        long failedBefore = failedCount();
        event.begin();
        boolean alive = handleMessageTimed(message);
        event.end();
        if (event.shouldCommit()) {
            event.system = system.name();
            event.actor = name();
            event.type = message.getClass().getName();
            event.succeeded = failedCount() == failedBefore;
            event.commit();
        }
        return alive;
    }

    /** This actor's failures so far (only its own turn adds to them). */
    private long failedCount() {
        int s = lock();
        long n = extras == null ? 0 : extras.failed;
        unlock(s);
        return n;
    }

    @SuppressWarnings("unchecked")
    private boolean handleMessageTimed(Object message) {
        long t0 = system.timing ? system.ticker.read() : 0L;
        Behavior<M> current = behavior;
        Behavior<M> next;
        try {
            if (current instanceof ReceiveBehavior<M> r) {
                next = r.onMessage().handle(this, (M) message);
            } else {
                next = ((AbstractBehavior<M>) current).onMessage((M) message);
            }
            next = canonical(next, current);
        } catch (Throwable t) {
            addHandlingTime(t0);
            return fail(t);
        }
        addHandlingTime(t0);
        HANDLED.setOpaque(this, handled + 1);
        system.handled.increment();
        return become(next);
    }

    private void addHandlingTime(long t0) {
        if (system.timing) {
            long d = system.ticker.read() - t0;
            int s = lock();
            ext().handlingNanos += d;
            unlock(s);
            system.handlingNanos.add(d);
        }
    }

    /** Handles one signal; false if the actor stopped. */
    private boolean handleSignal(Signal signal) {
        Behavior<M> current = behavior;
        try {
            Behavior<M> next = canonical(invokeSignal(current, signal), current);
            return become(next);
        } catch (Throwable t) {
            return fail(t);
        }
    }

    private Behavior<M> invokeSignal(Behavior<M> current, Signal signal) throws Exception {
        if (current instanceof ReceiveBehavior<M> r) {
            return r.onSignal() == null ? current : r.onSignal().handle(this, signal);
        }
        if (current instanceof AbstractBehavior<M> a) {
            return a.onSignal(signal);
        }
        return current;
    }

    private boolean become(Behavior<M> next) {
        if (next == SpecialBehavior.STOPPED) {
            stopSelf(null);
            return false;
        }
        behavior = next;
        return true;
    }

    // --------------------------------------------------------------------------- supervision

    private SupervisorStrategy strategy() {
        return initial instanceof SupervisedBehavior<M> s ? s.strategy() : null;
    }

    private void countFailure() {
        int s = lock();
        ext().failed++;
        unlock(s);
        system.failed.increment();
    }

    /** Applies the supervisor strategy to a failure; false if the actor stopped. */
    private boolean fail(Throwable failure) {
        countFailure();
        SupervisorStrategy strategy = strategy();
        if (strategy instanceof SupervisorStrategy.Resume) {
            return true;
        }
        if (strategy instanceof SupervisorStrategy.Restart r) {
            if (!allowRestart(r.maxRestarts(), r.window())) {
                stopSelf(failure);
                return false;
            }
            return restart(failure);
        }
        if (strategy instanceof SupervisorStrategy.Backoff b) {
            if (!allowRestart(b.maxRestarts(), b.window())) {
                stopSelf(failure);
                return false;
            }
            int k = extras.restartsInWindow - 1;
            long min = dev.patterns.time.Deadline.saturatedNanos(b.minBackoff());
            long max = dev.patterns.time.Deadline.saturatedNanos(b.maxBackoff());
            long delay = k >= 62 || min > (max >> k) ? max : Math.min(max, min << k);
            try {
                system.sleeper.sleepNanos(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopSelf(failure);
                return false;
            }
            return restart(failure);
        }
        stopSelf(failure);
        return false;
    }

    /** Counts a restart in the window; false if the limit is exceeded. Confined to the turn. */
    private boolean allowRestart(int maxRestarts, Duration window) {
        long now = system.ticker.read();
        int s = lock();
        Extras e = ext();
        unlock(s);
        if (e.restartsInWindow == 0
                || now - e.windowStart > dev.patterns.time.Deadline.saturatedNanos(window)) {
            e.windowStart = now;
            e.restartsInWindow = 0;
        }
        e.restartsInWindow++;
        return e.restartsInWindow <= maxRestarts;
    }

    private boolean restart(Throwable failure) {
        try {
            invokeSignal(behavior, new PreRestart(failure));
        } catch (Throwable ignored) {
            countFailure(); // a failing PreRestart does not prevent the restart
        }
        int s = lock();
        long restarts = ext().restarts + 1;
        unlock(s);
        // The event before the counters: whoever saw the restart counted also finds it recorded.
        failureEvent("restarted", failure, restarts);
        s = lock();
        ext().restarts = restarts; // only the turn writes it
        unlock(s);
        system.restarts.increment();
        return startBehavior();
    }

    // ------------------------------------------------------------------------------ stopping

    @Override
    public void stop() {
        int s = lock();
        if ((s & (STOPPING | STOPPED)) != 0) {
            unlock(s);
            return;
        }
        Waiter waiters = popAllWaiters();
        boolean inline = false;
        boolean submit = false;
        if ((s & SCHEDULED) == 0) {
            if (count == 0 && (extras == null || extras.signals == null || extras.signals.isEmpty())
                    && behavior instanceof ReceiveBehavior<M> r && r.onSignal() == null) {
                inline = true; // nothing to run in the actor: finish here
            } else {
                submit = true;
            }
        }
        unlock(s | STOPPING | SCHEDULED);
        unparkAll(waiters);
        if (inline) {
            finishStop(null);
        } else if (submit) {
            system.dispatch(this);
        }
    }

    @Override
    public List<M> stopNow() {
        int s = lock();
        if ((s & STOPPED) != 0) {
            unlock(s);
            return List.of();
        }
        List<M> left = drain();
        Waiter waiters = popAllWaiters();
        boolean submit = (s & SCHEDULED) == 0;
        unlock(s | STOPPING | SCHEDULED);
        unparkAll(waiters);
        if (submit) {
            system.dispatch(this);
        }
        return left;
    }

    /** stopNow on this actor and all its descendants, interrupting running handlers. */
    void stopNowTree(List<Object> out) {
        out.addAll(stopNow());
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
        for (ActorCell<?> child : childrenSnapshot()) {
            child.stopNowTree(out);
        }
    }

    private List<ActorCell<?>> childrenSnapshot() {
        int s = lock();
        List<ActorCell<?>> out = extras == null || extras.children == null
                ? List.of() : new ArrayList<>(extras.children);
        unlock(s);
        return out;
    }

    /** A JFR event for a failure that supervision answered with a restart or a stop. */
    private void failureEvent(String outcome, Throwable failure, long restarts) {
        ActorFailureEvent event = new ActorFailureEvent();
        if (event.shouldCommit()) {
            event.system = system.name();
            event.actor = name();
            event.outcome = outcome;
            event.failure = failure.getClass().getName();
            event.message = failure.getMessage();
            event.restarts = restarts;
            event.commit();
        }
    }

    /** Called by the turn: stop at once; what is left in the mailbox becomes dead letters. */
    private void stopSelf(Throwable failure) {
        if (failure != null) {
            int s = lock();
            long restarts = ext().restarts;
            unlock(s);
            failureEvent("stopped", failure, restarts);
        }
        int s = lock();
        List<M> left = drain();
        Waiter waiters = popAllWaiters();
        if (!left.isEmpty()) {
            ext().deadLetters += left.size();
        }
        unlock(s | STOPPING);
        unparkAll(waiters);
        for (M m : left) {
            system.deadLetter(this, m);
        }
        finishStop(failure);
    }

    /** The owner of the actor (holder of SCHEDULED) ends it: PostStop, children, watchers. */
    private void finishStop(Throwable failure) {
        Behavior<M> b = behavior;
        behavior = null;
        if (b != null) {
            try {
                invokeSignal(b, POST_STOP);
            } catch (Throwable t) {
                countFailure();
            }
        }
        int s = lock();
        Extras e = extras;
        List<ActorCell<?>> watchers = e != null && e.watchers != null ? e.watchers : List.of();
        List<ActorCell<?>> children = e != null && e.children != null ? new ArrayList<>(e.children) : List.of();
        if (e != null) {
            e.watchers = null;
            e.signals = null;
            e.failure = failure;
        }
        buffer = null;
        runner = null;
        unlock(s | STOPPED);
        for (ActorCell<?> child : children) {
            child.stop();
        }
        Terminated terminated = new Terminated(this, Optional.ofNullable(failure));
        for (ActorCell<?> w : watchers) {
            if (w != parent) {
                w.signal(terminated);
            }
        }
        if (parent != null) {
            parent.childStopped(this, terminated);
        }
        system.actorStopped(this);
    }

    // ------------------------------------------------------------------- signals, watch, tree

    /** Delivers a signal to be handled between messages; ignored once the actor has stopped. */
    void signal(Signal signal) {
        int s = lock();
        if ((s & STOPPED) != 0) {
            unlock(s);
            return;
        }
        Extras e = ext();
        if (e.signals == null) {
            e.signals = new ArrayDeque<>(2);
        }
        e.signals.add(signal);
        if ((s & SCHEDULED) == 0) {
            unlock(s | SCHEDULED);
            system.dispatch(this);
        } else {
            unlock(s);
        }
    }

    private void childStopped(ActorCell<?> child, Terminated terminated) {
        int s = lock();
        if (extras != null && extras.children != null) {
            extras.children.remove(child);
        }
        unlock(s);
        signal(terminated);
    }

    /** Registers a new child; false if this actor has already begun to stop. */
    boolean addChild(ActorCell<?> child) {
        int s = lock();
        if ((s & STOPPED) != 0) {
            unlock(s);
            return false;
        }
        Extras e = ext();
        if (e.children == null) {
            e.children = new HashSet<>();
        }
        e.children.add(child);
        unlock(s);
        return true;
    }

    private void addWatcher(ActorCell<?> watcher) {
        int s = lock();
        if ((s & STOPPED) != 0) {
            Throwable failure = extras != null ? extras.failure : null;
            unlock(s);
            watcher.signal(new Terminated(this, Optional.ofNullable(failure)));
            return;
        }
        Extras e = ext();
        if (e.watchers == null) {
            e.watchers = new ArrayList<>(2);
        }
        if (!e.watchers.contains(watcher)) {
            e.watchers.add(watcher);
        }
        unlock(s);
    }

    private void removeWatcher(ActorCell<?> watcher) {
        int s = lock();
        if (extras != null && extras.watchers != null) {
            extras.watchers.remove(watcher);
        }
        unlock(s);
    }

    private ActorCell<?> cellOf(ActorRef<?> actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor instanceof ActorCell<?> c && c.system == system) {
            return c;
        }
        throw new IllegalArgumentException("actor: " + actor + " (expected: an actor of system '" + system.name() + "')");
    }

    @Override
    public void watch(ActorRef<?> actor) {
        cellOf(actor).addWatcher(this);
    }

    @Override
    public void unwatch(ActorRef<?> actor) {
        cellOf(actor).removeWatcher(this);
    }

    @Override
    public <C> ActorRef<C> spawn(Behavior<C> behavior) {
        return system.spawnCell(this, behavior, null, system.config.mailbox());
    }

    @Override
    public <C> ActorRef<C> spawn(Behavior<C> behavior, String name) {
        return system.spawnCell(this, behavior, Objects.requireNonNull(name, "name"), system.config.mailbox());
    }

    @Override
    public <C> ActorRef<C> spawn(Behavior<C> behavior, String name, Mailbox mailbox) {
        return system.spawnCell(this, behavior, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(mailbox, "mailbox"));
    }

    // ------------------------------------------------------------------------------ ask, stats

    @Override
    public <R> CompletableFuture<R> ask(Function<? super ActorRef<R>, ? extends M> request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        ReplyRef.checkTimeout(timeout);
        ReplyRef<R> reply = new ReplyRef<>(system, this);
        M message = Objects.requireNonNull(request.apply(reply), "message");
        reply.startTimer(message.getClass(), timeout);
        if (!tryTell(message)) {
            reply.fail(new MailboxFullException(
                    "mailbox of actor '" + name() + "' is full (capacity " + mailbox.capacity() + ")"));
        }
        return reply.future();
    }

    boolean isStopped() {
        return (state & STOPPED) != 0;
    }

    @Override
    public ActorStats stats() {
        int s = lock();
        Extras e = extras;
        ActorStats st = new ActorStats(name(), count, mailbox.capacity(), handled,
                e == null ? 0 : e.failed, e == null ? 0 : e.restarts, e == null ? 0 : e.dropped,
                e == null ? 0 : e.deadLetters, e == null ? 0 : e.mailboxNanos, e == null ? 0 : e.handlingNanos);
        unlock(s);
        return st;
    }
}
