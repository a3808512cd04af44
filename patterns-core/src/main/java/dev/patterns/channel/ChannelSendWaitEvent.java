package dev.patterns.channel;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * JFR: a send waited on a full channel longer than the threshold (20 ms by default). Begun only on
 * the slow path, after the sender found the channel full.
 */
@Name("dev.patterns.channel.SendWait")
@Label("Channel Send Wait")
@Category({"patterns", "Channel"})
@Description("A sender blocked on a full channel")
@Threshold("20 ms")
final class ChannelSendWaitEvent extends jdk.jfr.Event {

    @Label("Channel")
    String channel;

    @Label("Capacity")
    int capacity;

    @Label("Sent")
    @Description("Whether the element went in (false: timed out, interrupted or closed)")
    boolean sent;
}
