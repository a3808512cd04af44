package dev.patterns.actor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * JFR: a tell waited on a full mailbox (overflow BLOCK) longer than the threshold (20 ms by
 * default). Begun only on the slow path, after the sender found the mailbox full.
 */
@Name("dev.patterns.actor.TellWait")
@Label("Actor Tell Wait")
@Category({"patterns", "Actor"})
@Description("A sender blocked on a full mailbox")
@Threshold("20 ms")
final class ActorTellWaitEvent extends jdk.jfr.Event {

    @Label("System")
    String system;

    @Label("Actor")
    String actor;

    @Label("Capacity")
    int capacity;

    @Label("Sent")
    @Description("Whether the message went in (false: timed out or interrupted)")
    boolean sent;
}
