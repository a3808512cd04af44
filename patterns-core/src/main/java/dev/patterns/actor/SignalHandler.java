package dev.patterns.actor;

/**
 * Handles a lifecycle {@link Signal} and returns the actor's next behaviour. What it returns after
 * {@link PostStop} is ignored. An exception it throws is handled like a message handler's.
 *
 * @param <M> the type of messages of the actor
 */
@FunctionalInterface
public interface SignalHandler<M> {

    /**
     * Handles a signal.
     *
     * @param context the actor's context
     * @param signal the signal, never null
     * @return the next behaviour, never null
     * @throws Exception a failure, handled by supervision
     */
    Behavior<M> handle(ActorContext<M> context, Signal signal) throws Exception;
}
