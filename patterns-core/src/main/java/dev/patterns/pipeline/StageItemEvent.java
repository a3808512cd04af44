package dev.patterns.pipeline;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a stage handled one item (one attempt). Per item, so disabled by default. */
@Name("dev.patterns.pipeline.StageItem")
@Label("Stage Item")
@Category({"patterns", "Pipeline"})
@Description("A stage's function ran on one item; the duration is the handling time")
@Enabled(false)
@StackTrace(false)
final class StageItemEvent extends jdk.jfr.Event {

    @Label("Pipeline")
    String pipeline;

    @Label("Stage")
    String stage;

    @Label("Attempt")
    int attempt;

    @Label("Succeeded")
    boolean succeeded;
}
