package dev.patterns.actor;

import java.time.Duration;
import java.util.List;

/**
 * A group of actors that share an executor, default mailbox settings, dead letters and stats.
 * Thread-safe: spawn and stop from any thread.
 *
 * <p>An idle actor holds no thread: an actor is handed to the executor only while it has mail
 * (virtual threads by default, so handlers may block; or a fixed pool of platform threads for
 * CPU-bound actors), and handles at most {@code batch} messages per turn before giving the thread
 * back, so one busy actor cannot starve the others.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.builder().name("bank").capacity(256).build()) {
 *     ActorRef<AccountMsg> account = system.spawn(Account.behavior(), "account-1");
 *     account.tell(new Deposit(100));
 * } // close(): every actor drains its mailbox and stops, every thread ends
 * }</pre>
 *
 * <p>Lifecycle: {@link #close()} stops every actor gracefully (each handles what it accepted) and
 * waits until every thread the system used has ended; {@link #shutdownNow()} stops every actor at
 * once, interrupts running handlers and returns the unhandled messages; "terminated" means all
 * actors have stopped and every thread has ended ({@link Thread#join()}).
 */
public interface ActorSystem extends AutoCloseable {

    /**
     * Returns a builder of systems.
     *
     * @return a new builder
     */
    static ActorSystemBuilder builder() {
        return new ActorSystemBuilder();
    }

    /**
     * Returns the system's name.
     *
     * @return the name
     */
    String name();

    /**
     * Spawns a top-level actor with a default name and the default mailbox.
     *
     * @param behavior the initial behaviour
     * @param <M> the type of messages
     * @return the actor
     * @throws NullPointerException if {@code behavior} is null
     * @throws IllegalArgumentException if {@code behavior} is {@link Behavior#same()} or
     *     {@link Behavior#stopped()}
     * @throws IllegalStateException if the system is closed
     */
    <M> ActorRef<M> spawn(Behavior<M> behavior);

    /**
     * Spawns a named top-level actor with the default mailbox.
     *
     * @param behavior the initial behaviour
     * @param name the actor's name (a label; it need not be unique)
     * @param <M> the type of messages
     * @return the actor
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #spawn(Behavior)}
     * @throws IllegalStateException if the system is closed
     */
    <M> ActorRef<M> spawn(Behavior<M> behavior, String name);

    /**
     * Spawns a named top-level actor with its own mailbox settings.
     *
     * @param behavior the initial behaviour
     * @param name the actor's name
     * @param mailbox the mailbox capacity and overflow
     * @param <M> the type of messages
     * @return the actor
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #spawn(Behavior)}
     * @throws IllegalStateException if the system is closed
     */
    <M> ActorRef<M> spawn(Behavior<M> behavior, String name, Mailbox mailbox);

    /**
     * Returns a snapshot of the system's counters; cheap whatever the number of actors.
     *
     * @return the stats
     */
    ActorSystemStats stats();

    /**
     * Stops every actor gracefully and blocks until the system has terminated. Spawning is refused
     * from now on. If interrupted while waiting, it calls {@link #shutdownNow()}, keeps waiting,
     * and returns with the interrupt status set. Idempotent. Called from one of the system's own
     * threads (inside a handler, or in the continuation of an ask that failed or timed out), it
     * starts the same graceful stop and returns at once, since a thread cannot wait for its own
     * end: wait with {@link #awaitTermination(Duration)} from another thread.
     */
    @Override
    void close();

    /**
     * Stops every actor now and returns the messages they had accepted but not handled; interrupts
     * running handlers; never blocks. Follow with {@link #awaitTermination(Duration)}.
     *
     * @return the unhandled messages of all actors
     */
    List<Object> shutdownNow();

    /**
     * Blocks until the system is closed, every actor has stopped and every thread it used has
     * ended, or the timeout passes.
     *
     * @param timeout how long to wait; zero or negative means do not wait
     * @return {@code true} if terminated, {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Returns whether the system has terminated: closed, no actor alive, every thread ended.
     *
     * @return whether terminated
     */
    boolean isTerminated();
}
