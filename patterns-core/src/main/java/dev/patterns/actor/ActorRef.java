package dev.patterns.actor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A typed address of an actor: the only way to send it messages. Safe to share and to call from
 * any thread, including from other actors' handlers.
 *
 * <p>{@link #tell(Object)} blocks while the actor's bounded mailbox is full (a virtual thread
 * parks; no carrier is pinned). The mailbox's {@link dev.patterns.channel.Overflow} decides what a
 * full mailbox does; the four forms of sending are:
 *
 * <table class="striped">
 * <caption>Sending to a full mailbox</caption>
 * <tr><th>overflow</th><th>{@link #tell(Object)}</th><th>{@link #tryTell(Object)}</th>
 *     <th>{@link #tell(Object, Duration)}</th></tr>
 * <tr><td>{@code BLOCK} (default)</td><td>waits for space</td><td>{@code false}</td>
 *     <td>waits at most the timeout, then {@code false}</td></tr>
 * <tr><td>{@code DROP_NEWEST}</td><td colspan="3">the message sent is dropped: counted, handed to the
 *     system's drop handler; answers {@code true}</td></tr>
 * <tr><td>{@code DROP_OLDEST}</td><td colspan="3">the oldest waiting message is dropped: counted, handed
 *     to the drop handler; answers {@code true}</td></tr>
 * <tr><td>{@code FAIL}</td><td>throws {@link MailboxFullException}</td><td>{@code false}</td>
 *     <td>{@code false} at once</td></tr>
 * </table>
 *
 * <p>A message sent to an actor that is stopping or stopped is a dead letter: it is counted in
 * {@link ActorStats#deadLetters()} and handed to the system's dead-letter handler, and every form
 * answers as if it had been accepted. Nothing is lost silently.
 *
 * <p>Memory consistency effects: actions in a thread before it sends a message to an actor
 * <i>happen-before</i> the handler of the actor that receives that message. Messages from one
 * sender to one actor are handled in the order they were sent.
 *
 * @param <M> the type of messages the actor accepts
 */
public interface ActorRef<M> {

    /**
     * Returns the actor's name, as given at spawn or a readable default such as {@code actor-42}.
     *
     * @return the name
     */
    String name();

    /**
     * Sends a message, blocking while the mailbox is full (under {@code BLOCK}).
     *
     * @param message the message
     * @throws InterruptedException if interrupted while waiting for space; the message was not sent
     * @throws MailboxFullException if the mailbox is full and its overflow is {@code FAIL}
     * @throws NullPointerException if {@code message} is null
     */
    void tell(M message) throws InterruptedException;

    /**
     * Sends a message if the mailbox has room now; never blocks.
     *
     * @param message the message
     * @return {@code false} if the mailbox is full and the message was not taken (the caller still
     *     owns it); {@code true} otherwise (accepted, dropped by policy, or a dead letter)
     * @throws NullPointerException if {@code message} is null
     */
    boolean tryTell(M message);

    /**
     * Sends a message, waiting at most {@code timeout} for space in the mailbox.
     *
     * @param message the message
     * @param timeout how long to wait; zero or negative means do not wait
     * @return {@code false} if the timeout passed (or the overflow is {@code FAIL}) and the message
     *     was not taken; {@code true} otherwise
     * @throws InterruptedException if interrupted while waiting; the message was not sent
     * @throws NullPointerException if an argument is null
     */
    boolean tell(M message, Duration timeout) throws InterruptedException;

    /**
     * Sends a request built around a one-shot reply address and returns the future reply; never
     * blocks. The future fails with {@link AskTimeoutException} (naming this actor and the message
     * type) if no reply arrives within {@code timeout}, and with {@link MailboxFullException} if
     * the mailbox refused the request at once. A reply that arrives after the timeout is a dead
     * letter.
     *
     * <pre>{@code
     * CompletableFuture<Long> balance = account.ask(GetBalance::new, Duration.ofMillis(100));
     * }</pre>
     *
     * @param request builds the message from the reply address
     * @param timeout how long to wait for the reply; mandatory and positive
     * @param <R> the type of the reply
     * @return the future reply
     * @throws NullPointerException if an argument is null or {@code request} returns null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    <R> CompletableFuture<R> ask(Function<? super ActorRef<R>, ? extends M> request, Duration timeout);

    /**
     * Stops the actor gracefully; never blocks. The mailbox accepts no more messages (later sends
     * are dead letters); the messages already accepted are handled; then the actor's children are
     * stopped, its {@link PostStop} signal runs and its watchers receive {@link Terminated}.
     * Idempotent.
     */
    void stop();

    /**
     * Stops the actor now and returns the messages it accepted but never handled, in mailbox
     * order; never blocks. A handler that is running finishes (it is not interrupted); then
     * {@link PostStop} runs. The returned messages belong to the caller: they are not dead letters.
     *
     * @return the unhandled messages; empty if the actor had already stopped
     */
    List<M> stopNow();

    /**
     * Returns a snapshot of this actor's counters; cheap enough to poll.
     *
     * @return the stats
     */
    ActorStats stats();
}
