package dev.patterns.channel;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a channel under a drop policy dropped an element. Enabled by default. */
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

    static void emit(String channel, Overflow overflow, int capacity) {
        ChannelDropEvent event = new ChannelDropEvent();
        if (event.shouldCommit()) {
            event.channel = channel;
            event.overflow = overflow.name();
            event.capacity = capacity;
            event.commit();
        }
    }
}
