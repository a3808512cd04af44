package dev.patterns.actor;

import java.util.Objects;

/**
 * The class form of a behaviour, for actors whose state is easiest kept in mutable fields. Create
 * it inside {@link Behavior#setup(BehaviorFactory)} so each actor (and each restart) gets its own
 * instance; its fields need no synchronization, because the actor's handlers run one at a time
 * with a <i>happens-before</i> edge between consecutive handlers.
 *
 * <pre>{@code
 * final class Account extends AbstractBehavior<AccountMsg> {
 *     private long balance;
 *     Account(ActorContext<AccountMsg> context) { super(context); }
 *     protected Behavior<AccountMsg> onMessage(AccountMsg msg) { ...; return this; }
 * }
 * Behavior<AccountMsg> account = Behavior.setup(Account::new);
 * }</pre>
 *
 * @param <M> the type of messages
 */
public abstract non-sealed class AbstractBehavior<M> implements Behavior<M> {

    private final ActorContext<M> context;

    /**
     * Creates the behaviour for the actor of {@code context}.
     *
     * @param context the actor's context
     * @throws NullPointerException if {@code context} is null
     */
    protected AbstractBehavior(ActorContext<M> context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Returns the actor's context.
     *
     * @return the context
     */
    protected final ActorContext<M> context() {
        return context;
    }

    /**
     * Handles one message; returns {@code this} (or {@link Behavior#same()}) to keep this behaviour.
     *
     * @param message the message, never null
     * @return the next behaviour, never null
     * @throws Exception a failure, handled by supervision
     */
    protected abstract Behavior<M> onMessage(M message) throws Exception;

    /**
     * Handles a signal; ignores it by default.
     *
     * @param signal the signal
     * @return the next behaviour, never null
     * @throws Exception a failure, handled by supervision
     */
    protected Behavior<M> onSignal(Signal signal) throws Exception {
        return this;
    }
}
