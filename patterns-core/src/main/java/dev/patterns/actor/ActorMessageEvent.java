package dev.patterns.actor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: an actor handled one message. Per message, so disabled by default. */
@Name("dev.patterns.actor.Message")
@Label("Actor Message")
@Category({"patterns", "Actor"})
@Description("An actor's handler ran on one message; the duration is the handling time")
@Enabled(false)
@StackTrace(false)
final class ActorMessageEvent extends jdk.jfr.Event {

    @Label("System")
    String system;

    @Label("Actor")
    String actor;

    @Label("Message Type")
    @Description("The message's class (never its contents)")
    String type;

    @Label("Succeeded")
    boolean succeeded;
}
