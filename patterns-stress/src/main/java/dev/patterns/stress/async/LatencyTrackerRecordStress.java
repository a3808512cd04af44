package dev.patterns.stress.async;

import java.time.Duration;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import dev.patterns.async.LatencyTracker;
import dev.patterns.time.FakeTicker;

/**
 * Claim: two concurrent records are both counted, in the total and in their bucket, even when
 * they are the first records of a new window into a slot that still holds an old window's counts
 * (both race to sweep the slot and to reset the stale counters; neither may wipe the other's
 * count, and the old sample must not be counted).
 *
 * <p>r1 = recent samples, r2 = 1 if the median is the recorded latency (its bucket holds both).
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t LatencyTrackerRecordStress}
 */
@JCStressTest
@Outcome(id = "2, 1", expect = Expect.ACCEPTABLE, desc = "both records counted, the old window aged out")
@Outcome(expect = Expect.FORBIDDEN, desc = "a record lost, or the stale sample counted")
@State
public class LatencyTrackerRecordStress {

    private final LatencyTracker tracker;

    public LatencyTrackerRecordStress() {
        FakeTicker time = FakeTicker.start();
        tracker = LatencyTracker.builder().ticker(time).window(Duration.ofSeconds(1)).minSamples(1).build();
        tracker.record(1_000_000); // window 0, slot 0
        time.advance(Duration.ofSeconds(2)); // window 2 uses slot 0 again: its counters are stale
    }

    @Actor
    public void recorderOne() {
        tracker.record(5);
    }

    @Actor
    public void recorderTwo() {
        tracker.record(5);
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = (int) tracker.count();
        r.r2 = tracker.percentileNanos(50).orElse(-1) == 5 && tracker.percentileNanos(100).orElse(-1) == 5 ? 1 : 0;
    }
}
