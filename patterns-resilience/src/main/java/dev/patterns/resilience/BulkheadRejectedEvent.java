package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a bulkhead refused a call (full after the allowed wait). Rare, enabled by default. */
@Name("dev.patterns.resilience.BulkheadRejected")
@Label("Bulkhead Rejected")
@Category({"patterns", "Resilience"})
@Description("A bulkhead refused a call because every slot was in use")
@StackTrace(false)
final class BulkheadRejectedEvent extends jdk.jfr.Event {

    @Label("Bulkhead")
    String bulkhead;

    @Label("Max Concurrent")
    int concurrency;

    @Label("Waited")
    @Timespan(Timespan.NANOSECONDS)
    long waited;

    static void emit(String bulkhead, int concurrency, long waitedNanos) {
        BulkheadRejectedEvent event = new BulkheadRejectedEvent();
        if (event.shouldCommit()) {
            event.bulkhead = bulkhead;
            event.concurrency = concurrency;
            event.waited = Math.max(0L, waitedNanos);
            event.commit();
        }
    }
}
