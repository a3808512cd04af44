package dev.patterns.pipeline;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: an item failed in a stage for good (after any retries). Enabled by default. */
@Name("dev.patterns.pipeline.StageFailure")
@Label("Stage Failure")
@Category({"patterns", "Pipeline"})
@Description("An item failed in a stage after its retries; it was dead-lettered or failed the pipeline")
@StackTrace(false)
final class StageFailureEvent extends jdk.jfr.Event {

    @Label("Pipeline")
    String pipeline;

    @Label("Stage")
    String stage;

    @Label("Failure")
    String failure;

    @Label("Message")
    String message;

    @Label("Attempts")
    int attempts;

    @Label("Outcome")
    @Description("dead-lettered, or failed-pipeline")
    String outcome;

    static void emit(String pipeline, String stage, Throwable failure, int attempts, String outcome) {
        StageFailureEvent event = new StageFailureEvent();
        if (event.shouldCommit()) {
            event.pipeline = pipeline;
            event.stage = stage;
            event.failure = failure.getClass().getName();
            event.message = failure.getMessage();
            event.attempts = attempts;
            event.outcome = outcome;
            event.commit();
        }
    }
}
