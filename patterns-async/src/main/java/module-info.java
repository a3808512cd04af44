/**
 * Fan-out/fan-in with deadlines, hedging, single-flight and execution layers.
 */
module dev.patterns.async {
    requires transitive dev.patterns.core;
    requires org.slf4j;

    exports dev.patterns.async;
}
