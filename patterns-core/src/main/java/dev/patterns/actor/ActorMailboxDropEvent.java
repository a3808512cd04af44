package dev.patterns.actor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: a full mailbox under a drop policy dropped a message. Enabled by default; an actor that
 * drops on every tell under load records at most one of these per {@link #GAP_NANOS}, carrying
 * the actor's cumulative count of drops.
 */
@Name("dev.patterns.actor.MailboxDrop")
@Label("Mailbox Drop")
@Category({"patterns", "Actor"})
@Description("A full mailbox dropped a message (DROP_NEWEST: the new one, DROP_OLDEST: the oldest queued)")
@StackTrace(false)
final class ActorMailboxDropEvent extends jdk.jfr.Event {

    @Label("System")
    String system;

    @Label("Actor")
    String actor;

    @Label("Overflow")
    String overflow;

    @Label("Capacity")
    int capacity;

    @Label("Dropped")
    @Description("Messages this actor's mailbox dropped so far, this one included")
    long dropped;

    /** The least time between two committed events of one actor: 10 ms. */
    static final long GAP_NANOS = 10_000_000L;
}
