package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * JFR: a caller slept for reserved permits longer than the threshold (20 ms by default). Begun
 * only when the caller has a reservation to wait for.
 */
@Name("dev.patterns.resilience.TokenBucketWait")
@Label("Token Bucket Wait")
@Category({"patterns", "Resilience"})
@Description("A caller blocked waiting for token bucket permits")
@Threshold("20 ms")
final class TokenBucketWaitEvent extends jdk.jfr.Event {

    @Label("Token Bucket")
    String bucket;

    @Label("Permits")
    long permits;
}
