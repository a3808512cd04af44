package dev.patterns.actor;

/**
 * Handles one message and returns the actor's next behaviour ({@link Behavior#same()} to keep the
 * current one). May block (it runs on a virtual thread by default). An exception it throws is a
 * failure handled by the actor's {@link SupervisorStrategy}.
 *
 * @param <M> the type of messages
 */
@FunctionalInterface
public interface MessageHandler<M> {

    /**
     * Handles a message.
     *
     * @param context the actor's context
     * @param message the message, never null
     * @return the next behaviour, never null
     * @throws Exception a failure, handled by supervision
     */
    Behavior<M> handle(ActorContext<M> context, M message) throws Exception;
}
