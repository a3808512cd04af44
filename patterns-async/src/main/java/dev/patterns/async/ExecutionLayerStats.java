package dev.patterns.async;

import java.util.concurrent.RejectedExecutionException;

/**
 * Counters of an {@link ExecutionLayer} since it was created. Immutable.
 *
 * <p>Every submission (a call of {@code execute}, {@code tryExecute}, the timed
 * {@code execute}, or one task of {@code submit}, {@code invokeAll} or {@code invokeAny}, with
 * non-null arguments) is either accepted or rejected:
 * {@code submitted() == accepted + rejectedFull + rejectedShutDown + rejectedInterrupted}.
 * Every accepted task is started, returned by {@link ExecutionLayer#shutdownNow()} ({@code drained}), or
 * still queued: {@code accepted == started + drained + queued}. Every started task ended in
 * exactly one of {@code completed}, {@code failed}, {@code cancelled}, or is still running:
 * {@code started == completed + failed + cancelled + running}. These sums hold exactly once
 * the layer is terminated.
 *
 * <p>A task made by {@code submit}, {@code invokeAll} or {@code invokeAny} (a
 * {@link java.util.concurrent.FutureTask}) catches its own exception; it is counted by how its
 * future ended.
 *
 * @param accepted tasks the layer took: they held a permit and were handed to its threads
 * @param rejectedFull submissions refused because the layer had no room: {@code tryExecute}
 *     found it full, or the timed {@code execute} timed out
 * @param rejectedShutDown submissions refused because the layer was shut down (also when the
 *     shutdown happened while the submitter waited for room)
 * @param rejectedInterrupted submissions abandoned because the submitter was interrupted while
 *     waiting for room ({@code execute} then throws {@code RejectedExecutionException}, the
 *     timed {@code execute} {@code InterruptedException})
 * @param started accepted tasks a thread began to run
 * @param completed started tasks that returned normally (a future task: that ended with a
 *     value)
 * @param failed started tasks that threw (a future task: that ended with an exception)
 * @param cancelled started future tasks that ended cancelled (cancelled before their thread
 *     reached them, or while running, or by {@code invokeAny} once another task succeeded)
 * @param drained accepted tasks that never started because {@link ExecutionLayer#shutdownNow()} returned
 *     them
 * @param running started tasks that have not ended yet
 * @param queued accepted tasks that have not started yet: waiting in the queue of a platform
 *     layer for a free thread (in a virtual-thread layer only for the moment between handing
 *     a task to its new thread and the thread running it)
 * @param waiting submitters blocked now in {@code execute} or the timed {@code execute}
 *     waiting for room (an estimate, see {@link java.util.concurrent.Semaphore#getQueueLength()})
 */
public record ExecutionLayerStats(long accepted, long rejectedFull, long rejectedShutDown, long rejectedInterrupted, long started,
        long completed, long failed, long cancelled, long drained, int running, int queued, int waiting) {

    /**
     * Returns every submission counted: accepted or rejected.
     *
     * @return {@code accepted + rejected()}
     */
    public long submitted() {
        return accepted + rejected();
    }

    /**
     * Returns every submission refused, for any reason.
     *
     * @return {@code rejectedFull + rejectedShutDown + rejectedInterrupted}
     */
    public long rejected() {
        return rejectedFull + rejectedShutDown + rejectedInterrupted;
    }
}
