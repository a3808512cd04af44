package dev.patterns.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Completion counting for a group of workers: each worker {@link #arrive() arrives} once as it
 * exits, the one that brings the count to zero learns it was last, and exactly one caller — the
 * last worker out, or an abort racing with it — {@link #tryClaim() claims} the right to close the
 * group's output.
 *
 * <p>Used by the pipeline's stages; public (in a package exported to no one outside the library)
 * so that the jcstress tests in {@code patterns-stress} can drive it.
 *
 * <p><b>Memory consistency effects:</b> actions of every worker before its {@link #arrive()}
 * <i>happen-before</i> the return of the {@code arrive()} that answers {@code true}, so the last
 * worker out sees every item the others emitted before it closes the output.
 */
public final class LastOut {

    /*
     * Two words: `live` counts workers still running; `claimed` turns 0 -> 1 once. Both are
     * changed by atomic read-modify-write (getAndAdd, compareAndSet), which are totally ordered
     * per variable and carry volatile semantics, so the happens-before chain runs through the
     * decrements of `live` to the last one. The close itself runs outside, after the claim.
     */
    private static final VarHandle LIVE;
    private static final VarHandle CLAIMED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LIVE = lookup.findVarHandle(LastOut.class, "live", int.class);
            CLAIMED = lookup.findVarHandle(LastOut.class, "claimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Workers that have not arrived. Changed only through LIVE. */
    private volatile int live;
    /** 0 until the output's close is claimed, then 1. Changed only through CLAIMED. */
    private volatile int claimed;

    /**
     * Creates a counter for {@code parties} workers.
     *
     * @param parties the number of workers
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public LastOut(int parties) {
        this.live = Checks.atLeast("parties", parties, 1);
    }

    /**
     * Records that one worker exited.
     *
     * @return {@code true} for exactly one caller: the last to arrive
     * @throws IllegalStateException if called more times than there are parties
     */
    public boolean arrive() {
        int before = (int) LIVE.getAndAdd(this, -1);
        if (before <= 0) {
            LIVE.getAndAdd(this, 1);
            throw new IllegalStateException("arrivals: " + (1 - before) + " beyond the parties (expected: one per worker)");
        }
        return before == 1;
    }

    /**
     * Claims the right to close the output.
     *
     * @return {@code true} for exactly one caller over this object's life
     */
    public boolean tryClaim() {
        // NOTE: a plain read first keeps the common "already claimed" case free of a CAS.
        return claimed == 0 && CLAIMED.compareAndSet(this, 0, 1);
    }

    /**
     * Returns the workers that have not arrived.
     *
     * @return the count, {@code 0} once all have
     */
    public int live() {
        return live;
    }

    /**
     * Returns whether the close was claimed.
     *
     * @return {@code true} once {@link #tryClaim()} has answered {@code true}
     */
    public boolean isClaimed() {
        return claimed != 0;
    }
}
