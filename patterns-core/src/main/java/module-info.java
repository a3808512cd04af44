/**
 * Core concurrency patterns: bounded channels, pipelines, actors, time sources and deadlines.
 */
module dev.patterns.core {
    requires jdk.jfr;
    requires org.slf4j;
    // Only the Redis packages need Lettuce; it is an optional dependency.
    requires static lettuce.core;
    // Only dev.patterns.core.micrometer needs Micrometer; it is an optional dependency.
    requires static micrometer.core;

    exports dev.patterns.actor;
    exports dev.patterns.channel;
    exports dev.patterns.pipeline;
    exports dev.patterns.time;
    exports dev.patterns.channel.redis;
    exports dev.patterns.core.micrometer;
    // The binders' shared meter helpers: not an API, only for the library's own modules.
    exports dev.patterns.core.micrometer.internal to dev.patterns.async, dev.patterns.resilience;
    exports dev.patterns.redis.internal to dev.patterns.resilience;
    // Shared helpers (checks, backoff, run state, executors), for the library's own modules only.
    exports dev.patterns.internal to dev.patterns.async, dev.patterns.resilience;
}
