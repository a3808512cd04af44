package dev.patterns.actor;

/**
 * Creates an actor's behaviour when it starts (and again on every restart); see
 * {@link Behavior#setup(BehaviorFactory)}.
 *
 * @param <M> the type of messages
 */
@FunctionalInterface
public interface BehaviorFactory<M> {

    /**
     * Creates the behaviour.
     *
     * @param context the context of the actor being started
     * @return the behaviour, never null
     * @throws Exception a failure: the actor stops
     */
    Behavior<M> create(ActorContext<M> context) throws Exception;
}
