package dev.patterns.actor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: a handler (or a signal handler) threw and supervision restarted or stopped the actor.
 * Enabled by default: failures are rare; a resumed failure is counted in the stats only.
 */
@Name("dev.patterns.actor.Failure")
@Label("Actor Failure")
@Category({"patterns", "Actor"})
@Description("An actor's handler threw; supervision restarted the actor or stopped it")
@StackTrace(false)
final class ActorFailureEvent extends jdk.jfr.Event {

    @Label("System")
    String system;

    @Label("Actor")
    String actor;

    @Label("Outcome")
    @Description("restarted or stopped")
    String outcome;

    @Label("Failure")
    @Description("The class of the exception")
    String failure;

    @Label("Message")
    String message;

    @Label("Restarts")
    @Description("Restarts of this actor so far, this one included")
    long restarts;
}
