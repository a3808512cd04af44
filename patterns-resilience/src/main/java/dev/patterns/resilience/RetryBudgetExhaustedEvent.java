package dev.patterns.resilience;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a retry was denied because the retry budget was spent. Rare, enabled by default. */
@Name("dev.patterns.resilience.RetryBudgetExhausted")
@Label("Retry Budget Exhausted")
@Category({"patterns", "Resilience"})
@Description("A failed call was not retried because the retry budget had no retry left")
@StackTrace(false)
final class RetryBudgetExhaustedEvent extends jdk.jfr.Event {

    @Label("Retry")
    String retry;

    @Label("Budget")
    String budget;

    @Label("Attempt")
    @Description("The attempt that failed and was not retried (1 = first call)")
    int attempt;

    @Label("Failure")
    @Description("The class of the last failure, or (result retried) when a result was retried")
    String failure;

    @Label("Calls In Window")
    long calls;

    @Label("Retries In Window")
    long retries;

    static void emit(String retry, int attempt, Throwable failure, RetryBudget budget) {
        RetryBudgetExhaustedEvent event = new RetryBudgetExhaustedEvent();
        if (event.shouldCommit()) {
            event.retry = retry;
            event.budget = budget.name();
            event.attempt = attempt;
            event.failure = failure == null ? "(result retried)" : failure.getClass().getName();
            RetryBudgetStats stats = budget.stats();
            event.calls = stats.calls();
            event.retries = stats.retries();
            event.commit();
        }
    }
}
