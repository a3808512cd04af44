package dev.patterns.actor;

/** A behaviour created in the actor when it starts or restarts. */
record SetupBehavior<M>(BehaviorFactory<M> factory) implements Behavior<M> {
}
