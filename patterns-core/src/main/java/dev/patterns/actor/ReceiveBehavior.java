package dev.patterns.actor;

/** The function form of a behaviour; {@code onSignal} is null when signals are ignored. */
record ReceiveBehavior<M>(MessageHandler<M> onMessage, SignalHandler<M> onSignal) implements Behavior<M> {
}
