package dev.patterns.channel;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: a channel under a drop policy dropped an element. Enabled by default; a channel that drops
 * on every send under load records at most one of these per {@link #GAP_NANOS}, carrying the
 * cumulative count of drops (JDK 25's {@code @Throttle} would do this, but the library targets 21).
 */
@Name("dev.patterns.channel.Drop")
@Label("Channel Drop")
@Category({"patterns", "Channel"})
@Description("A full channel handed an element to its drop handler (DROP_NEWEST or DROP_OLDEST)")
@StackTrace(false)
final class ChannelDropEvent extends jdk.jfr.Event {

    @Label("Channel")
    String channel;

    @Label("Overflow")
    String overflow;

    @Label("Capacity")
    int capacity;

    @Label("Dropped")
    @Description("Elements this channel dropped so far, this one included")
    long dropped;

    /** The least time between two committed events of one channel: 10 ms. */
    static final long GAP_NANOS = 10_000_000L;

    /** Commits the event if a recording wants it; returns whether it did. */
    static boolean emit(String channel, Overflow overflow, int capacity, long dropped) {
        ChannelDropEvent event = new ChannelDropEvent();
        if (!event.shouldCommit()) {
            return false;
        }
        event.channel = channel;
        event.overflow = overflow.name();
        event.capacity = capacity;
        event.dropped = dropped;
        event.commit();
        return true;
    }
}
