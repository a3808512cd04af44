package dev.patterns.async;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: a single-flight execution failed (the loader threw or returned {@code null}, or the
 * executor refused it); every caller sharing it got the failure. Enabled by default.
 */
@Name("dev.patterns.async.SingleFlightFailed")
@Label("Single-Flight Failed")
@Category({"patterns", "Async"})
@Description("A shared execution failed; every caller waiting on it received the failure")
@StackTrace(false)
final class SingleFlightFailedEvent extends jdk.jfr.Event {

    @Label("Single-Flight")
    String singleFlight;

    @Label("Key Type")
    @Description("The class of the key (never the key itself: it may be personal data)")
    String keyType;

    @Label("Failure")
    @Description("The class of the exception")
    String failure;

    @Label("Message")
    String message;

    /** Commits the event if a recording wants it. */
    static void emit(String singleFlight, Object key, Throwable failure) {
        SingleFlightFailedEvent event = new SingleFlightFailedEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.singleFlight = singleFlight;
        event.keyType = key.getClass().getName();
        event.failure = failure.getClass().getName();
        event.message = failure.getMessage();
        event.commit();
    }
}
