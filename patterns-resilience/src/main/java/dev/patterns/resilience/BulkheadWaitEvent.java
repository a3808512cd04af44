package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * JFR: a caller waited for a bulkhead slot longer than the threshold (20 ms by default). Begun only
 * on the slow path, after the caller found no free slot.
 */
@Name("dev.patterns.resilience.BulkheadWait")
@Label("Bulkhead Wait")
@Category({"patterns", "Resilience"})
@Description("A caller blocked waiting for a bulkhead slot")
@Threshold("20 ms")
final class BulkheadWaitEvent extends jdk.jfr.Event {

    @Label("Bulkhead")
    String bulkhead;

    @Label("Acquired")
    @Description("Whether the caller got a slot (false: timed out)")
    boolean acquired;
}
