package dev.patterns.async;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link FanOut#stats()}: shared by the gatherings of one fan-out, each of
 * which adds to them once, when its result is built (and to {@code gatheringsStarted} when it
 * starts).
 */
final class FanOutCounters {

    final LongAdder gatheringsStarted = new LongAdder();
    final LongAdder gatheringsFinished = new LongAdder();
    final LongAdder callsStarted = new LongAdder();
    final LongAdder hedgesStarted = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder unfinished = new LongAdder();
    final LongAdder gatheringNanos = new LongAdder();

    FanOutStats snapshot() {
        return new FanOutStats(gatheringsStarted.sum(), gatheringsFinished.sum(), callsStarted.sum(),
                hedgesStarted.sum(), completed.sum(), failed.sum(), timedOut.sum(), cancelled.sum(), unfinished.sum(),
                gatheringNanos.sum());
    }
}
