/**
 * Core concurrency patterns: bounded channels, pipelines, actors, time sources and deadlines.
 */
module dev.patterns.core {
    requires jdk.jfr;
    requires org.slf4j;

    exports dev.patterns.actor;
    exports dev.patterns.channel;
    exports dev.patterns.pipeline;
    exports dev.patterns.time;
}
