package dev.patterns.actor;

/** A behaviour with the strategy that handles its actor's failures. */
record SupervisedBehavior<M>(Behavior<M> behavior, SupervisorStrategy strategy) implements Behavior<M> {
}
