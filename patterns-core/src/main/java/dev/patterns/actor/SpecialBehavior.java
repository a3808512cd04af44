package dev.patterns.actor;

/** The two marker results of a handler: keep the current behaviour, or stop. */
enum SpecialBehavior implements Behavior<Object> {
    SAME,
    STOPPED
}
