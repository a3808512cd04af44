package dev.patterns.pipeline;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a pipeline failed fast and is stopping. Enabled by default. */
@Name("dev.patterns.pipeline.PipelineFailed")
@Label("Pipeline Failed")
@Category({"patterns", "Pipeline"})
@Description("A pipeline failed fast on an error and stops every stage")
@StackTrace(false)
final class PipelineFailedEvent extends jdk.jfr.Event {

    @Label("Pipeline")
    String pipeline;

    @Label("Stage")
    @Description("The stage (or pipeline-source) where the failure happened")
    String stage;

    @Label("Failure")
    String failure;

    @Label("Message")
    String message;

    static void emit(String pipeline, String stage, Throwable failure) {
        PipelineFailedEvent event = new PipelineFailedEvent();
        if (event.shouldCommit()) {
            event.pipeline = pipeline;
            event.stage = stage;
            event.failure = failure.getClass().getName();
            event.message = failure.getMessage();
            event.commit();
        }
    }
}
