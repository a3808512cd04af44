package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: a token bucket refused permits. Enabled by default; a limiting bucket refuses on most calls,
 * so the bucket records at most one of these per {@link #GAP_NANOS} of its ticker time, carrying the
 * cumulative count of refusals (JDK 25's {@code @Throttle} would do this, but the library targets 21).
 */
@Name("dev.patterns.resilience.TokenBucketRejected")
@Label("Token Bucket Rejected")
@Category({"patterns", "Resilience"})
@Description("A token bucket refused a request for permits")
@StackTrace(false)
final class TokenBucketRejectedEvent extends jdk.jfr.Event {

    @Label("Token Bucket")
    String bucket;

    @Label("Permits")
    long permits;

    @Label("Capacity")
    long capacity;

    @Label("Rejected")
    @Description("Requests this bucket refused so far, this one included")
    long rejected;

    /** The least ticker time between two committed events of one bucket: 10 ms. */
    static final long GAP_NANOS = 10_000_000L;

    /** Commits the event if a recording wants it; returns whether it did. */
    static boolean emit(String bucket, long permits, long capacity, long rejected) {
        TokenBucketRejectedEvent event = new TokenBucketRejectedEvent();
        if (!event.shouldCommit()) {
            return false;
        }
        event.bucket = bucket;
        event.permits = permits;
        event.capacity = capacity;
        event.rejected = rejected;
        event.commit();
        return true;
    }
}
