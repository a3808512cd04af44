package dev.patterns.async;

/**
 * Counters of a {@link FanOut}, since it was built. Immutable.
 *
 * <p>Once every gathering has returned its result:
 * {@code completed + failed + timedOut + cancelled} is the number of outcomes of all results
 * (a call never started because of the concurrency limit or the deadline is timed out or
 * cancelled without being in {@code callsStarted}; a hedge attempt never started is in no
 * counter), and {@code gatheringsStarted == gatheringsFinished}.
 *
 * @param gatheringsStarted gatherings started
 * @param gatheringsFinished gatherings that produced their result
 * @param callsStarted calls and hedge attempts handed to the executor (a rejected one included)
 * @param hedgesStarted backup attempts of hedged gatherings (attempts after the first)
 * @param completed outcomes {@link Outcome.Completed}
 * @param failed outcomes {@link Outcome.Failed}
 * @param timedOut outcomes {@link Outcome.TimedOut}
 * @param cancelled outcomes {@link Outcome.Cancelled}
 * @param unfinished calls still running when their gathering returned, past the grace period
 *     (see {@link Gathered#unfinished()})
 * @param gatheringNanos the summed {@link Gathered#elapsedNanos()} of the finished gatherings
 *     (on the fan-out's ticker): with {@code gatheringsFinished}, their mean duration
 */
public record FanOutStats(long gatheringsStarted, long gatheringsFinished, long callsStarted, long hedgesStarted,
        long completed, long failed, long timedOut, long cancelled, long unfinished, long gatheringNanos) {}
