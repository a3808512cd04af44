package dev.patterns.async;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: an execution layer refused a task (full, shut down, or the submitter was interrupted while
 * waiting for room). Enabled by default; a layer that refuses on every call under load records at
 * most one of these per {@link #GAP_NANOS}, carrying the layer's cumulative count of rejections.
 */
@Name("dev.patterns.async.LayerRejected")
@Label("Execution Layer Rejected")
@Category({"patterns", "Async"})
@Description("An execution layer refused a task")
@StackTrace(false)
final class LayerRejectedEvent extends jdk.jfr.Event {

    @Label("Layer")
    String layer;

    @Label("Reason")
    @Description("full, shut_down or interrupted")
    String reason;

    @Label("Capacity")
    @Description("Tasks the layer holds at most, running and queued")
    int capacity;

    @Label("Rejected")
    @Description("Tasks this layer refused so far, for every reason, this one included")
    long rejected;

    /** The least time between two committed events of one layer: 10 ms. */
    static final long GAP_NANOS = 10_000_000L;
}
