/**
 * Fan-out/fan-in with deadlines, hedging, single-flight and execution layers.
 */
module dev.patterns.async {
    requires transitive dev.patterns.core;
    requires jdk.jfr;
    requires org.slf4j;
    // Only dev.patterns.async.micrometer needs Micrometer; it is an optional dependency.
    requires static micrometer.core;

    exports dev.patterns.async;
    exports dev.patterns.async.micrometer;
}
