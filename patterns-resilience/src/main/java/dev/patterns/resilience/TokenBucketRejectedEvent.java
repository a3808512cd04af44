package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a token bucket refused permits. Enabled by default; free when no recording runs. */
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

    static void emit(String bucket, long permits, long capacity) {
        TokenBucketRejectedEvent event = new TokenBucketRejectedEvent();
        if (event.shouldCommit()) {
            event.bucket = bucket;
            event.permits = permits;
            event.capacity = capacity;
            event.commit();
        }
    }
}
