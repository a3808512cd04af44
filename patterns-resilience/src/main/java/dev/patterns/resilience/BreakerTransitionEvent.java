package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a circuit breaker changed state. Rare, enabled by default. */
@Name("dev.patterns.resilience.BreakerTransition")
@Label("Circuit Breaker Transition")
@Category({"patterns", "Resilience"})
@Description("A circuit breaker moved from one state to another")
@StackTrace(false)
final class BreakerTransitionEvent extends jdk.jfr.Event {

    @Label("Breaker")
    String breaker;

    @Label("From")
    String from;

    @Label("To")
    String to;

    @Label("Reason")
    String reason;

    static void emit(String breaker, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
        BreakerTransitionEvent event = new BreakerTransitionEvent();
        if (event.shouldCommit()) {
            event.breaker = breaker;
            event.from = from.name();
            event.to = to.name();
            event.reason = reason;
            event.commit();
        }
    }
}
